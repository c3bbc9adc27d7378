"""Results written as workbooks for the people who work in spreadsheets: league tables,
comparisons, plans, every unit's plan, the official layouts (the decision's results appendix,
the self-assessment form) and a cost table to fill in. Built on :mod:`cchc_score.formats.xlsx`;
called through :mod:`cchc_score.app.spreadsheets`."""
