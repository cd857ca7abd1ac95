/**
 * The chat panel's stylesheet (adopted into the widget's shadow root, next to
 * the launcher's). Floating panel above the launcher; full screen at 480 px
 * and below (with 16 px inputs, so phones don't zoom in on focus); visible
 * focus rings; no motion under `prefers-reduced-motion`.
 *
 * @module
 */

/** The panel's CSS. Uses `--fd-primary` / `--fd-ink` set by the loader. */
export const PANEL_CSS = `
.panel{position:fixed;z-index:2147483001;bottom:88px;right:20px;width:380px;max-width:calc(100vw - 40px);
height:min(640px,calc(100vh - 112px));display:flex;flex-direction:column;overflow:hidden;background:#fff;
border-radius:16px;box-shadow:0 16px 48px rgba(15,23,42,.22),0 0 0 1px rgba(15,23,42,.08);
animation:fd-in .18s ease-out;transform-origin:bottom right}
.left .panel{right:auto;left:20px;transform-origin:bottom left}
@keyframes fd-in{from{opacity:0;transform:translateY(8px) scale(.98)}to{opacity:1;transform:none}}
@keyframes fd-dot{0%,80%,100%{opacity:.25}40%{opacity:1}}
button,input,textarea{font:inherit;color:inherit;margin:0}
button{cursor:pointer}
.head{display:flex;align-items:center;gap:12px;padding:14px 12px 14px 16px;background:var(--fd-primary);
color:var(--fd-ink)}
.avatar{flex:none;display:grid;place-items:center;width:36px;height:36px;border-radius:50%;
background:rgba(255,255,255,.2)}
.titles{flex:1;min-width:0}
.title{margin:0;font-size:15px;font-weight:600;line-height:1.3;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.sub{margin:2px 0 0;font-size:12.5px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.ib{flex:none;display:grid;place-items:center;width:36px;height:36px;padding:0;border:0;border-radius:10px;
background:transparent;color:inherit}
.head .ib:hover{background:rgba(255,255,255,.18)}
.head :focus-visible{outline-color:var(--fd-ink);box-shadow:none}
svg.i{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.banner{margin:0;padding:6px 12px;background:#fef3c7;color:#78350f;font-size:12.5px;text-align:center}
.log{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:16px 14px 8px;display:flex;flex-direction:column;
gap:10px;background:#f8fafc}
.row{display:flex;flex-direction:column;align-items:flex-start;max-width:86%}
.row.me{align-self:flex-end;align-items:flex-end}
.who{margin:0 0 3px 4px;font-size:12px;font-weight:600;color:#475569}
.bubble{padding:9px 13px;border-radius:16px 16px 16px 4px;background:#fff;border:1px solid #e2e8f0;
color:#0f172a;white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%}
.me .bubble{border-radius:16px 16px 4px 16px;background:var(--fd-primary);border-color:transparent;color:var(--fd-ink)}
.bubble.cut{border-color:#fbbf24}
.note{display:block;margin-top:6px;font-size:12px;color:#92400e;font-style:italic}
.html{white-space:normal}
.html>:first-child{margin-top:0}.html>:last-child{margin-bottom:0}
.html p,.html ul,.html ol,.html pre,.html blockquote{margin:0 0 8px}
.html ul,.html ol{padding-left:20px}
.html h1,.html h2,.html h3,.html h4{margin:0 0 6px;font-size:15px}
.html code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f1f5f9;padding:1px 4px;border-radius:4px}
.html pre{overflow-x:auto;background:#f1f5f9;padding:8px;border-radius:8px}
.html img{max-width:100%;border-radius:8px}
.bubble a{color:#1d4ed8;text-decoration:underline}
.me .bubble a{color:inherit}
.att{display:block;margin-top:6px}
.att img{display:block;max-width:100%;max-height:220px;border-radius:10px}
.file{display:inline-flex;align-items:center;gap:6px}
.cites{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:6px 0 0 2px;font-size:12px;color:#64748b}
.cite{display:inline-block;max-width:220px;padding:2px 9px;border-radius:999px;border:1px solid #cbd5e1;background:#fff;
color:#1e40af;text-decoration:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
a.cite:hover{border-color:#1e40af}
.meta{margin:3px 4px 0;font-size:11.5px;color:#64748b}
.meta.bad{color:#b91c1c}
.meta button{border:0;padding:0;margin-left:6px;background:none;color:#1d4ed8;text-decoration:underline;font-size:inherit}
.sys{align-self:center;max-width:90%;margin:2px 0;font-size:12px;color:#64748b;text-align:center;font-style:italic}
.typing{display:flex;align-items:center;gap:8px;font-size:12px;color:#64748b}
.dots{display:inline-flex;gap:3px}
.dots i{width:6px;height:6px;border-radius:50%;background:#94a3b8;animation:fd-dot 1.2s infinite}
.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}
.foot{border-top:1px solid #e2e8f0;background:#fff;padding:8px 10px 10px}
.notice{margin:0 0 8px;padding:7px 10px;border-radius:8px;background:#fef2f2;color:#991b1b;font-size:12.5px}
.handoff{margin:0 0 8px;padding:9px 11px;border-radius:10px;background:#eff6ff;color:#1e3a8a;font-size:13px}
.handoff p{margin:0}
.btn{padding:7px 14px;border:0;border-radius:8px;background:var(--fd-primary);color:var(--fd-ink);font-weight:600}
.btn:disabled{background:#e2e8f0;color:#64748b;cursor:default}
.card{align-self:stretch;margin:4px 0;padding:12px 14px;border:1px solid #e2e8f0;border-radius:14px;background:#fff;
box-shadow:0 1px 3px rgba(15,23,42,.06)}
.card p{margin:0 0 10px}
.card label{display:block;margin:0 0 4px;font-size:12.5px;font-weight:600;color:#334155}
.card input,.card textarea{display:block;width:100%;min-width:0;min-height:0;max-height:none;padding:7px 10px;
border:1px solid #94a3b8;border-radius:8px;background:#fff;line-height:1.4;font-size:14px}
.card textarea{height:auto;resize:vertical;margin:0 0 10px}
.card input:focus-visible,.card textarea:focus-visible{outline:2px solid #0f172a;outline-offset:1px;box-shadow:none}
.card [aria-invalid=true]{border-color:#b91c1c}
.inline{display:flex;gap:6px}
.inline input{flex:1}
.card>.btn{display:block;width:100%}
.err{margin:6px 0 0!important;font-size:12.5px;color:#b91c1c}
.link{margin-top:8px;padding:2px 0;border:0;background:none;color:#475569;font-size:12.5px;text-decoration:underline}
.solved{align-self:flex-start;min-height:24px;margin:0 0 6px 2px}
.card.done{margin:4px 0;padding:9px 12px;text-align:center;font-size:13px;color:#14532d;background:#f0fdf4;
border-color:#bbf7d0;box-shadow:none}
.ask{font-weight:600}
.stars{display:flex;gap:2px;margin:-4px 0 8px -6px}
.stars button{display:grid;place-items:center;width:44px;height:44px;padding:0;border:0;border-radius:10px;
background:none;color:#94a3b8}
.stars button:hover{background:#f1f5f9}
.stars .on{color:#d97706}
.stars svg.i{width:30px;height:30px;stroke-width:1.6}
.stars .on svg{fill:#fbbf24}
.human{display:block;margin:0 0 8px;padding:5px 12px;border:1px solid #cbd5e1;border-radius:999px;background:#fff;
color:#334155;font-size:12.5px}
.human:hover{border-color:#94a3b8;background:#f8fafc}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 8px}
.chip{display:inline-flex;align-items:center;gap:4px;max-width:100%;padding:3px 4px 3px 10px;border-radius:999px;
background:#f1f5f9;font-size:12.5px;color:#334155}
.chip span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chip .ib{width:24px;height:24px;border-radius:50%}
.compose{display:flex;align-items:flex-end;gap:6px;padding:4px;border:1px solid #cbd5e1;border-radius:14px;background:#fff}
.compose:focus-within{border-color:#64748b}
.compose .ib{color:#475569}
.compose .ib:hover{background:#f1f5f9}
textarea{flex:1;min-width:0;min-height:36px;max-height:140px;padding:8px 4px;border:0;background:transparent;
resize:none;line-height:1.4;font-size:14px}
textarea:focus-visible{outline:none;box-shadow:none}
.compose:has(textarea:focus-visible){outline:2px solid #0f172a;outline-offset:1px}
.send{background:var(--fd-primary)!important;color:var(--fd-ink)!important}
.send svg.i{width:18px;height:18px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.panel{inset:0;width:auto;max-width:none;height:auto;border-radius:0;box-shadow:none}
.foot{padding-bottom:max(10px,env(safe-area-inset-bottom))}textarea,.card input,.card textarea{font-size:16px}}
`;
