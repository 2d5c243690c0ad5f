extension ReportPage {
    /// The page's only style sheet. Fonts are local families, so the page never fetches one;
    /// the print rules drop colours and scrolling and keep figures and table rows whole.
    static let styleSheet = """
    :root { color-scheme: light; }
    body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff;
           margin: 0; line-height: 1.45; }
    main { max-width: 76rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
    h1 { font-size: 1.8rem; margin: 0 0 0.4rem; overflow-wrap: anywhere; }
    h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
    h3 { font-size: 1.08rem; margin: 1.4rem 0 0.4rem; }
    .description { font-size: 1.05rem; overflow-wrap: anywhere; }
    .meta { color: #555; font-size: 0.9rem; margin: 0.2rem 0; overflow-wrap: anywhere; }
    ul.verdicts { padding-left: 1.2rem; }
    ul.verdicts li { margin: 0.35rem 0; }
    table { border-collapse: collapse; margin: 1rem 0 1.6rem; font-size: 0.88rem; }
    caption { text-align: left; font-weight: bold; padding-bottom: 0.35rem; }
    th, td { border: 1px solid #d0d0d0; padding: 0.25rem 0.5rem; vertical-align: top; }
    th { background: #f2f2f2; text-align: left; }
    table.numeric td { font-variant-numeric: tabular-nums; }
    table.grid { min-width: 24rem; }
    table.grid td { text-align: center; }
    table.trials td:first-child { min-width: 9rem; }
    .interval { color: #555; font-size: 0.8rem; }
    .bad { color: #a0001c; font-weight: bold; }
    .wide { overflow-x: auto; }
    code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; overflow-wrap: anywhere; }
    pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.6rem; white-space: pre-wrap;
          overflow-wrap: anywhere; }
    pre.spec { max-height: 28rem; overflow: auto; }
    figure { margin: 1.4rem 0; }
    figure img { max-width: 100%; height: auto; border: 1px solid #e3e3e3; }
    figcaption { font-size: 0.88rem; color: #444; margin-top: 0.3rem; }
    @media print {
      @page { margin: 1.5cm; }
      body { font-size: 10pt; }
      main { max-width: none; padding: 0; }
      h2, h3 { break-after: avoid; }
      figure, tr, li { break-inside: avoid; }
      table { font-size: 8pt; }
      .wide, pre.spec { overflow: visible; max-height: none; }
      th { background: none; }
      a { color: inherit; }
      a[href]::after { content: " (" attr(href) ")"; }
    }

    """
}
