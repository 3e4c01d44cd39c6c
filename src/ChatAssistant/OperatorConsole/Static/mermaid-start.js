// Draws the dialog page's flow (<pre class="mermaid">) with the vendored mermaid.min.js (mermaid 12.3.0 from
// `npm pack mermaid@12.3.0`, MIT: mermaid.LICENSE). A file rather than an inline script, so the console's pages
// need no exception for inline scripts. 'strict' keeps labels as text: a step id or condition is never HTML.
mermaid.initialize({ startOnLoad: true, securityLevel: 'strict', theme: 'neutral' });
