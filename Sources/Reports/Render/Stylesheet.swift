/// The inline stylesheet of every HTML page: system fonts, a wide column that reflows on phones,
/// light and dark colours by `prefers-color-scheme`, and print rules (no navigation, no split rows).
///
/// Charts come in two drawings (``ChartSVG/Layout``): the wide one from 760 px, the narrow one
/// below, each scaled to at most a third over its own width, so chart text stays 12–16 px.
enum Stylesheet {
  static let css = """
    :root{--fg:#18181b;--muted:#52525b;--bg:#ffffff;--card:#f4f4f5;--line:#e4e4e7;--accent:#1d4ed8;\
    --up:#047857;--down:#b91c1c;--risk-bg:#fef2f2;--risk:#991b1b;--bar:#2563eb}
    @media (prefers-color-scheme:dark){:root{--fg:#f4f4f5;--muted:#a1a1aa;--bg:#18181b;--card:#27272a;\
    --line:#3f3f46;--accent:#93c5fd;--up:#34d399;--down:#f87171;--risk-bg:#450a0a;--risk:#fecaca;--bar:#60a5fa}}
    *{box-sizing:border-box}
    body{margin:0 auto;max-width:72rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;\
    color:var(--fg);background:var(--bg)}
    a{color:var(--accent)}
    nav{font-size:.9rem;color:var(--muted)}
    h1{font-size:1.6rem;margin:.3rem 0 1rem;overflow-wrap:break-word}
    h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line);overflow-wrap:break-word}
    .prose{max-width:48rem;overflow-wrap:break-word}
    .table-wrap{overflow-x:auto;margin:1rem 0 .25rem}
    table{border-collapse:collapse;width:100%;font-size:.92rem}
    caption{text-align:left;color:var(--muted);font-size:.85rem}
    th,td{padding:.35rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;\
    overflow-wrap:break-word}
    th{color:var(--muted);font-weight:600}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    .nw{white-space:nowrap}
    td.risk{background:var(--risk-bg);color:var(--risk);font-weight:600}
    .risk-tag{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.02em}
    .download{margin:0 0 1rem;font-size:.85rem}
    .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;margin:1rem 0}
    .kpi{background:var(--card);border-radius:.5rem;padding:.75rem;min-width:0}
    .kpi-label{font-size:.85rem;color:var(--muted)}
    .kpi-value{font-size:1.7rem;font-weight:700;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
    .kpi-change{font-size:.85rem}.kpi-change.up{color:var(--up)}.kpi-change.down{color:var(--down)}
    figure{margin:1rem 0}figcaption{font-size:.95rem;font-weight:600;margin-bottom:.25rem}
    figure svg{display:block;width:100%;height:auto}
    .chart-wide svg{max-width:960px}.chart-narrow{display:none}.chart-narrow svg{max-width:480px}
    @media (max-width:759px){.chart-wide{display:none}.chart-narrow{display:block}}
    figure.sparkline svg{width:160px}
    .chart-data{font-size:.85rem;color:var(--muted)}.chart-data summary{cursor:pointer}
    .empty{color:var(--muted);font-style:italic}
    ul.links li{margin:.2rem 0}.note{color:var(--muted);font-size:.9rem}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem;margin:1.5rem 0}
    .card{background:var(--card);border-radius:.5rem;padding:1rem;min-width:0}
    .card h2{margin:0 0 .25rem;border:0}
    .card .summary{margin:0 0 .5rem;color:var(--muted);font-size:.9rem}
    .card-links{margin:0;padding-left:1.1rem;overflow-wrap:anywhere}
    .card-links.long{max-height:18rem;overflow-y:auto}
    ol.matches{padding-left:1.5rem}ol.matches li{margin:.75rem 0}
    .match-show{font-weight:600;overflow-wrap:anywhere}.match-score{color:var(--muted);white-space:nowrap}
    .match-reasons{margin:.1rem 0 .3rem;font-size:.9rem}
    .signals{display:grid;gap:.2rem;max-width:32rem}
    .signal{display:grid;grid-template-columns:7.5rem 1fr 3rem;gap:.5rem;align-items:center;font-size:.85rem}
    .signal-bar{height:.6rem;background:var(--line);border-radius:.3rem;overflow:hidden}
    .signal-bar span{display:block;height:100%;background:var(--bar)}
    .signal-value{text-align:right;font-variant-numeric:tabular-nums}
    footer{margin-top:2rem;padding-top:.5rem;border-top:1px solid var(--line);font-size:.8rem;color:var(--muted)}
    @media print{nav,.download,.chart-data{display:none}body{max-width:none;color:#000;background:#fff;font-size:11pt}\
    a{color:inherit;text-decoration:none}tr,figure,.kpi,.card{break-inside:avoid}thead{display:table-header-group}\
    .kpi,.card{border:1px solid #ccc;background:none}.chart-narrow{display:none}.chart-wide{display:block}}
    """
}
