/// The inline stylesheet of every HTML page: system fonts, a narrow column that reflows on phones,
/// light and dark colours by `prefers-color-scheme`, and print rules (no navigation, no split rows).
enum Stylesheet {
  static let css = """
    :root{--fg:#18181b;--muted:#52525b;--bg:#ffffff;--card:#f4f4f5;--line:#e4e4e7;--accent:#2563eb;\
    --up:#047857;--down:#b91c1c}
    @media (prefers-color-scheme:dark){:root{--fg:#f4f4f5;--muted:#a1a1aa;--bg:#18181b;--card:#27272a;\
    --line:#3f3f46;--accent:#60a5fa;--up:#34d399;--down:#f87171}}
    *{box-sizing:border-box}
    body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;\
    color:var(--fg);background:var(--bg)}
    a{color:var(--accent)}
    nav{font-size:.9rem;color:var(--muted)}
    h1{font-size:1.6rem;margin:.3rem 0 1rem}
    h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line)}
    .table-wrap{overflow-x:auto;margin:1rem 0}
    table{border-collapse:collapse;width:100%;font-size:.92rem}
    th,td{padding:.35rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    th{color:var(--muted);font-weight:600}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;margin:1rem 0}
    .kpi{background:var(--card);border-radius:.5rem;padding:.75rem}
    .kpi-label{font-size:.85rem;color:var(--muted)}
    .kpi-value{font-size:1.7rem;font-weight:700;font-variant-numeric:tabular-nums}
    .kpi-change{font-size:.85rem}.kpi-change.up{color:var(--up)}.kpi-change.down{color:var(--down)}
    figure{margin:1rem 0}figcaption{font-size:.85rem;color:var(--muted)}
    figure.sparkline{display:inline-block}
    .empty{color:var(--muted);font-style:italic}
    ul.links li{margin:.2rem 0}.note{color:var(--muted);font-size:.9rem}
    footer{margin-top:2rem;padding-top:.5rem;border-top:1px solid var(--line);font-size:.8rem;color:var(--muted)}
    @media print{nav{display:none}body{max-width:none;color:#000;background:#fff;font-size:11pt}\
    a{color:inherit;text-decoration:none}tr,figure,.kpi{break-inside:avoid}thead{display:table-header-group}\
    .kpi{border:1px solid #ccc;background:none}}
    """
}
