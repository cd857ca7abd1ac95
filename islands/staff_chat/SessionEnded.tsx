/**
 * What the Inbox and the Tickets page say once the server has ended the
 * session (the socket was told `unauthorized`): live updates stopped, and a
 * link to sign in again that comes back to the same view.
 *
 * @module
 */
import { Alert } from "../../components/Alert.tsx";

/** The alert; `back` is the page to return to after signing in. */
export function SessionEnded({ back }: { back: string }) {
  return (
    <Alert tone="error" title="Your session has ended">
      Live updates stopped. <a class="link" href={`/login?next=${encodeURIComponent(back)}`}>Sign in again</a>{" "}
      to keep working.
    </Alert>
  );
}
