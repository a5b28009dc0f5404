/**
 * Three articles naming one name: an emergency physician in the first and third, a currency strategist in the
 * second (issue 19: "two articles naming one name in clearly different roles make two people; a third article in the
 * first role joins the first"). The third also quotes an organisation, the central bank, as a source.
 */
export const NAMESAKE_ARTICLES: { slug: string; text: string }[] = [
  {
    slug: 'night-shift-at-st-lukes',
    text: `---
headline: Night shift at St. Luke's
---
The emergency ward was full by midnight.

"We have never seen a winter like this," said Dana Whitfield, an emergency physician at St. Luke's Hospital. She said the ward needed more beds.

The hospital declined to comment.
`,
  },
  {
    slug: 'currency-slides-again',
    text: `---
headline: Currency slides again
---
The currency fell for a third day.

"Markets are pricing in a cut," said Dana Whitfield, a currency strategist at Harbor Bank.

Traders expect more volatility.
`,
  },
  {
    slug: 'ward-closures-loom',
    text: `---
headline: Ward closures loom
---
Two wards may close next year.

"Patients will wait longer," said Dana Whitfield, an emergency physician at St. Luke's Hospital.

"Rates will stay where they are," the central bank said in its report.
`,
  },
];
