/**
 * The demo dataset as plain tables: an IT organisation ("Acme Group") with its Results
 * Management Office portfolio. Every date is an offset in days from the seeding instant, so
 * the dataset always looks current; src/seed/demo.ts turns these tables into rows.
 *
 * Hypotheses name the progress status they are meant to show. Their targets are derived at
 * seed time from that status and the generated measurements (see demo.ts), which is what
 * keeps every status on screen whatever the day the demo is loaded. The measurement model
 * (trend, seasonality, noise) closes the file.
 */

export type Stage = "IDEA" | "PROPOSED" | "APPROVED" | "IN_DELIVERY" | "DELIVERED" | "CLOSED" | "STOPPED";
export type HypothesisState = "DRAFT" | "ACTIVE" | "VALIDATED" | "INVALIDATED" | "ABANDONED";
export type DemoStatus = "NO_DATA" | "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "ACHIEVED" | "MISSED";

/** Written on every generated measurement, so demo rows are easy to tell apart. */
export const DEMO_SOURCE = "demo-seed";

export interface DemoPortfolio {
  name: string;
  parent?: string;
  owner: string;
  budget: number;
  description: string;
}

export const PORTFOLIOS: DemoPortfolio[] = [
  {
    name: "Acme Group",
    owner: "Dana Whitfield (CIO)",
    budget: 52_000_000,
    description: "Every change investment of the group, reviewed quarterly by the Results Management Office.",
  },
  {
    name: "Digital Commerce",
    parent: "Acme Group",
    owner: "Priya Natarajan (VP Digital Commerce)",
    budget: 14_500_000,
    description: "Web and app storefronts, checkout and payments.",
  },
  {
    name: "Online Storefront",
    parent: "Digital Commerce",
    owner: "Sofia Marquez",
    budget: 6_000_000,
    description: "Product discovery, search, personalisation and site performance.",
  },
  {
    name: "Payments & Checkout",
    parent: "Digital Commerce",
    owner: "Liam O'Connor",
    budget: 5_000_000,
    description: "From basket to paid order: checkout flow, payment methods, fraud.",
  },
  {
    name: "Operations",
    parent: "Acme Group",
    owner: "Marcus Feld (COO office)",
    budget: 12_000_000,
    description: "Warehousing, transport and the cost to serve an order.",
  },
  {
    name: "Fulfilment Automation",
    parent: "Operations",
    owner: "Hannah Berg",
    budget: 7_500_000,
    description: "Robotics, pick-path and returns automation in the distribution centres.",
  },
  {
    name: "Customer Service",
    parent: "Acme Group",
    owner: "Elena Rossi (VP Customer Service)",
    budget: 8_000_000,
    description: "Contact centre, self-service and customer feedback.",
  },
  {
    name: "Contact Centre Modernisation",
    parent: "Customer Service",
    owner: "Kwame Mensah",
    budget: 5_500_000,
    description: "Agent tooling and the move to a cloud contact centre.",
  },
  {
    name: "Data & Platform",
    parent: "Acme Group",
    owner: "Tomasz Nowak (CTO)",
    budget: 11_000_000,
    description: "Shared cloud platform, data and analytics capabilities.",
  },
  {
    name: "Cloud Platform",
    parent: "Data & Platform",
    owner: "Aisha Rahman",
    budget: 6_500_000,
    description: "Kubernetes platform, observability and cloud cost management.",
  },
  {
    name: "Data & Analytics",
    parent: "Data & Platform",
    owner: "Jonas Lindqvist",
    budget: 3_500_000,
    description: "Self-service BI, customer data and data quality.",
  },
];

export interface DemoInitiative {
  name: string;
  portfolio: string;
  stage: Stage;
  owner: string;
  sponsor: string;
  budget: number | null;
  actualCost: number | null;
  /** Days from the seeding instant (negative: in the past); null when not planned yet. */
  start: number | null;
  target: number | null;
  tags: string[];
  description: string;
}

const ini = (
  name: string,
  portfolio: string,
  stage: Stage,
  owner: string,
  sponsor: string,
  money: [number | null, number | null],
  dates: [number | null, number | null],
  tags: string[],
  description: string,
): DemoInitiative => ({
  name,
  portfolio,
  stage,
  owner,
  sponsor,
  budget: money[0],
  actualCost: money[1],
  start: dates[0],
  target: dates[1],
  tags,
  description,
});

/**
 * Scoring inputs per initiative, so `ranking(model: WSJF | RICE)`, `planScenario` and the
 * ACCELERATE signal show real figures. WSJF: business value, time criticality, risk reduction
 * and job size on the scale 1, 2, 3, 5, 8, 13, 20; RICE: reach per quarter, impact (0.25–3),
 * confidence (0–1), effort in person-months. Chosen so that the rankings disagree where an
 * RMO board would argue (a big platform job ranks low on WSJF, high on value per cost), and
 * so that some work whose evidence is all on track ranks in the bottom half (ACCELERATE).
 * Closed and stopped work keeps its last scores, as it would in a real register.
 */
export interface DemoScores {
  wsjf: [businessValue: number, timeCriticality: number, riskReduction: number, jobSize: number];
  rice: [reach: number, impact: number, confidence: number, effort: number];
}

export const SCORES: Record<string, DemoScores> = {
  "Storefront performance overhaul": { wsjf: [13, 8, 5, 13], rice: [1_800_000, 2, 0.8, 18] },
  "Personalised recommendations": { wsjf: [13, 5, 2, 8], rice: [1_500_000, 1, 0.8, 12] },
  "Search relevance tuning": { wsjf: [5, 3, 1, 13], rice: [900_000, 0.5, 0.5, 8] },
  "Visual search": { wsjf: [5, 2, 1, 13], rice: [120_000, 1, 0.5, 10] },
  "One-page checkout": { wsjf: [20, 13, 5, 8], rice: [1_600_000, 3, 1, 9] },
  "Buy now, pay later": { wsjf: [13, 13, 3, 8], rice: [400_000, 2, 0.8, 10] },
  "Saved payment wallets": { wsjf: [8, 8, 2, 3], rice: [700_000, 1, 0.8, 4] },
  "Fraud screening revamp": { wsjf: [8, 13, 20, 8], rice: [2_000_000, 0.5, 0.5, 8] },
  "Marketplace seller onboarding": { wsjf: [20, 5, 3, 20], rice: [50_000, 3, 0.5, 24] },
  "Carrier rate renegotiation": { wsjf: [8, 8, 2, 2], rice: [3_000_000, 0.5, 1, 2] },
  "Regional DC consolidation": { wsjf: [13, 5, 8, 20], rice: [3_000_000, 1, 0.5, 40] },
  "Warehouse robotics pilot": { wsjf: [8, 3, 5, 20], rice: [2_000_000, 1, 0.5, 30] },
  "Pick-path optimisation": { wsjf: [5, 5, 2, 3], rice: [2_000_000, 0.5, 0.8, 3] },
  "Returns automation": { wsjf: [8, 5, 3, 8], rice: [300_000, 1, 0.8, 8] },
  "Autonomous forklift study": { wsjf: [3, 1, 2, 13], rice: [200_000, 0.25, 0.5, 6] },
  "Knowledge base rebuild": { wsjf: [5, 3, 2, 3], rice: [600_000, 1, 0.8, 3] },
  "AI chat assistant": { wsjf: [13, 8, 3, 13], rice: [800_000, 2, 0.5, 12] },
  "Callback scheduling": { wsjf: [3, 2, 1, 2], rice: [150_000, 0.5, 0.8, 2] },
  "Omnichannel agent desktop": { wsjf: [8, 5, 5, 13], rice: [400_000, 1, 0.8, 16] },
  "Cloud contact centre migration": { wsjf: [8, 8, 13, 20], rice: [500_000, 1, 0.8, 20] },
  "Workforce management tool": { wsjf: [5, 3, 2, 5], rice: [100_000, 1, 0.8, 4] },
  "Kubernetes platform migration": { wsjf: [5, 5, 13, 20], rice: [100_000, 2, 0.8, 36] },
  "FinOps cost controls": { wsjf: [8, 8, 5, 2], rice: [50_000, 2, 1, 2] },
  "Observability stack": { wsjf: [5, 3, 8, 5], rice: [60_000, 1, 1, 6] },
  "Self-service BI": { wsjf: [5, 2, 1, 8], rice: [2_000, 2, 0.8, 8] },
  "Customer data platform": { wsjf: [13, 5, 5, 20], rice: [2_500_000, 1, 0.5, 24] },
};

// Some are deliberately ≥ 80 % spent with little value shown (the BURN_WITHOUT_VALUE signal),
// one has no hypothesis while approved (NO_HYPOTHESIS), one only stale evidence (NO_EVIDENCE).
export const INITIATIVES: DemoInitiative[] = [
  ini(
    "Storefront performance overhaul",
    "Online Storefront",
    "IN_DELIVERY",
    "Sofia Marquez",
    "Priya Natarajan",
    [1_200_000, 860_000],
    [-420, 60],
    ["web", "performance"],
    "Image CDN, server-side rendering and a lighter theme to cut page load times.",
  ),
  ini(
    "Personalised recommendations",
    "Online Storefront",
    "DELIVERED",
    "Ravi Shah",
    "Priya Natarajan",
    [900_000, 872_000],
    [-640, -90],
    ["ml", "personalisation"],
    "Recommendation models on product and basket pages.",
  ),
  ini(
    "Search relevance tuning",
    "Online Storefront",
    "IN_DELIVERY",
    "Chloe Dubois",
    "Sofia Marquez",
    [450_000, 412_000],
    [-280, 30],
    ["search"],
    "Synonyms, spelling correction and ranking rules for site search.",
  ),
  ini(
    "Visual search",
    "Online Storefront",
    "IDEA",
    "Chloe Dubois",
    "Sofia Marquez",
    [600_000, 0],
    [null, null],
    ["search", "ml", "mobile"],
    "Find products from a photo taken in the app.",
  ),
  ini(
    "One-page checkout",
    "Payments & Checkout",
    "DELIVERED",
    "Liam O'Connor",
    "Priya Natarajan",
    [800_000, 765_000],
    [-540, -180],
    ["checkout", "ux"],
    "Replaces the five-step checkout with a single page.",
  ),
  ini(
    "Buy now, pay later",
    "Payments & Checkout",
    "IN_DELIVERY",
    "Mei Tanaka",
    "Liam O'Connor",
    [650_000, 290_000],
    [-210, 150],
    ["payments", "partner"],
    "Instalment payments through a consumer-credit partner.",
  ),
  ini(
    "Saved payment wallets",
    "Payments & Checkout",
    "APPROVED",
    "Mei Tanaka",
    "Liam O'Connor",
    [350_000, 18_000],
    [-20, 200],
    ["payments", "mobile"],
    "Apple Pay, Google Pay and stored cards for returning customers.",
  ),
  ini(
    "Fraud screening revamp",
    "Payments & Checkout",
    "PROPOSED",
    "Omar Haddad",
    "Liam O'Connor",
    [500_000, 0],
    [30, 300],
    ["payments", "risk"],
    "Replace rule-based fraud screening with a scored service.",
  ),
  ini(
    "Marketplace seller onboarding",
    "Digital Commerce",
    "PROPOSED",
    "Grace Kim",
    "Priya Natarajan",
    [1_100_000, 0],
    [60, 420],
    ["marketplace"],
    "Let third-party sellers list products on the storefront.",
  ),
  ini(
    "Carrier rate renegotiation",
    "Operations",
    "CLOSED",
    "Peter Novak",
    "Marcus Feld",
    [120_000, 114_000],
    [-660, -420],
    ["procurement", "logistics"],
    "Tender parcel volumes across three national carriers.",
  ),
  ini(
    "Regional DC consolidation",
    "Operations",
    "DELIVERED",
    "Peter Novak",
    "Marcus Feld",
    [3_200_000, 3_450_000],
    [-720, -120],
    ["logistics", "warehouse"],
    "Merge two regional distribution centres into one.",
  ),
  ini(
    "Warehouse robotics pilot",
    "Fulfilment Automation",
    "IN_DELIVERY",
    "Hannah Berg",
    "Marcus Feld",
    [2_400_000, 2_080_000],
    [-480, 90],
    ["automation", "robotics", "warehouse"],
    "Goods-to-person robots in the main distribution centre.",
  ),
  ini(
    "Pick-path optimisation",
    "Fulfilment Automation",
    "DELIVERED",
    "Lars Eriksen",
    "Hannah Berg",
    [300_000, 288_000],
    [-520, -260],
    ["warehouse", "algorithms"],
    "Batch and route picks to shorten walking distance.",
  ),
  ini(
    "Returns automation",
    "Fulfilment Automation",
    "APPROVED",
    "Lars Eriksen",
    "Hannah Berg",
    [700_000, 45_000],
    [-15, 270],
    ["returns", "warehouse"],
    "Self-service return labels and automated returns grading.",
  ),
  ini(
    "Autonomous forklift study",
    "Fulfilment Automation",
    "STOPPED",
    "Hannah Berg",
    "Marcus Feld",
    [250_000, 140_000],
    [-400, -100],
    ["robotics", "research"],
    "Feasibility study, stopped when the vendor left the market.",
  ),
  ini(
    "Knowledge base rebuild",
    "Customer Service",
    "DELIVERED",
    "Nadia Petrova",
    "Elena Rossi",
    [250_000, 241_000],
    [-560, -380],
    ["knowledge", "self-service"],
    "One knowledge base for agents and customers, rewritten from scratch.",
  ),
  ini(
    "AI chat assistant",
    "Customer Service",
    "IN_DELIVERY",
    "Nadia Petrova",
    "Elena Rossi",
    [900_000, 420_000],
    [-150, 180],
    ["ai", "chat", "self-service"],
    "A generative chat assistant answering order and returns questions.",
  ),
  ini(
    "Callback scheduling",
    "Customer Service",
    "IDEA",
    "Kwame Mensah",
    "Elena Rossi",
    [150_000, 0],
    [null, null],
    ["telephony", "cx"],
    "Let callers book a callback instead of waiting in the queue.",
  ),
  ini(
    "Omnichannel agent desktop",
    "Contact Centre Modernisation",
    "IN_DELIVERY",
    "Kwame Mensah",
    "Elena Rossi",
    [1_500_000, 1_310_000],
    [-300, 120],
    ["agent-experience", "crm"],
    "One desktop for phone, chat and e-mail contacts.",
  ),
  ini(
    "Cloud contact centre migration",
    "Contact Centre Modernisation",
    "IN_DELIVERY",
    "Samir Aziz",
    "Elena Rossi",
    [1_800_000, 980_000],
    [-360, 200],
    ["cloud", "telephony"],
    "Move telephony and routing from on-premise PBX to a cloud contact centre.",
  ),
  ini(
    "Workforce management tool",
    "Contact Centre Modernisation",
    "PROPOSED",
    "Samir Aziz",
    "Kwame Mensah",
    [320_000, 0],
    [45, 260],
    ["workforce", "planning"],
    "Forecast contact volumes and schedule agents to match.",
  ),
  ini(
    "Kubernetes platform migration",
    "Cloud Platform",
    "IN_DELIVERY",
    "Aisha Rahman",
    "Tomasz Nowak",
    [3_000_000, 2_150_000],
    [-450, 180],
    ["cloud", "kubernetes", "platform"],
    "Move the storefront and order services from VMs to managed Kubernetes.",
  ),
  ini(
    "FinOps cost controls",
    "Cloud Platform",
    "DELIVERED",
    "Ben Carter",
    "Tomasz Nowak",
    [200_000, 192_000],
    [-300, -120],
    ["finops", "cloud"],
    "Tagging, budgets and rightsizing for every cloud account.",
  ),
  ini(
    "Observability stack",
    "Cloud Platform",
    "CLOSED",
    "Ben Carter",
    "Aisha Rahman",
    [500_000, 478_000],
    [-600, -250],
    ["observability", "sre"],
    "Tracing, metrics and on-call alerting for production services.",
  ),
  ini(
    "Self-service BI",
    "Data & Analytics",
    "IN_DELIVERY",
    "Jonas Lindqvist",
    "Tomasz Nowak",
    [700_000, 305_000],
    [-320, 150],
    ["bi", "analytics"],
    "Governed data sets and dashboards business teams build themselves.",
  ),
  ini(
    "Customer data platform",
    "Data & Analytics",
    "APPROVED",
    "Fatima Zahra",
    "Priya Natarajan",
    [1_600_000, 95_000],
    [-30, 365],
    ["data", "cdp", "marketing"],
    "One customer profile across web, stores and service for targeted campaigns.",
  ),
];

export type Cadence = "DAILY" | "WEEKLY" | "MONTHLY" | "QUARTERLY";

export interface DemoMetric {
  key: string;
  name: string;
  unit: string;
  direction: "INCREASE" | "DECREASE";
  aggregation: "LAST" | "SUM" | "AVERAGE" | "MIN" | "MAX";
  cadence: Cadence;
  portfolio: string;
  description: string;
  /** Decimal places of baselines and targets (negative: round to tens, thousands…). */
  dp: number;
  /** Noise: relative standard deviation of one observation around the trend. */
  sd: number;
  /** The underlying trend, [days before the seeding instant, value], oldest first. */
  trend: Array<[number, number]>;
  /** Values cannot exceed this (percentages). */
  max?: number;
  /** Retail peak: November and December observations run higher. */
  seasonal?: boolean;
  /** The feed broke this many days ago: no observations since (shows `stale`). */
  stoppedDaysAgo?: number;
}

const met = (
  key: string,
  name: string,
  unit: string,
  direction: DemoMetric["direction"],
  aggregation: DemoMetric["aggregation"],
  cadence: Cadence,
  portfolio: string,
  description: string,
  rest: Pick<DemoMetric, "dp" | "sd" | "trend"> & Partial<DemoMetric>,
): DemoMetric => ({ key, name, unit, direction, aggregation, cadence, portfolio, description, ...rest });

export const METRICS: DemoMetric[] = [
  met(
    "checkout.conversion_rate",
    "Checkout conversion rate",
    "%",
    "INCREASE",
    "AVERAGE",
    "DAILY",
    "Payments & Checkout",
    "Orders divided by sessions that reached the basket.",
    {
      dp: 2,
      sd: 0.015,
      max: 100,
      trend: [
        [730, 2.3],
        [400, 2.38],
        [250, 2.8],
        [0, 3.15],
      ],
    },
  ),
  met(
    "checkout.cart_abandonment_rate",
    "Cart abandonment rate",
    "%",
    "DECREASE",
    "AVERAGE",
    "WEEKLY",
    "Payments & Checkout",
    "Share of started checkouts not completed within 24 hours.",
    {
      dp: 1,
      sd: 0.01,
      max: 100,
      trend: [
        [730, 72],
        [400, 71.5],
        [250, 67.5],
        [0, 66],
      ],
    },
  ),
  met(
    "revenue.online_monthly",
    "Online revenue",
    "USD",
    "INCREASE",
    "SUM",
    "MONTHLY",
    "Digital Commerce",
    "Net revenue of web and app orders in the month.",
    {
      dp: -3,
      sd: 0.015,
      seasonal: true,
      trend: [
        [730, 4_000_000],
        [365, 4_300_000],
        [0, 5_300_000],
      ],
    },
  ),
  met(
    "web.lcp_p75_ms",
    "Storefront LCP (p75)",
    "ms",
    "DECREASE",
    "AVERAGE",
    "DAILY",
    "Online Storefront",
    "75th percentile largest contentful paint of storefront pages, real-user monitoring.",
    {
      dp: 0,
      sd: 0.03,
      trend: [
        [730, 3400],
        [420, 3350],
        [200, 2900],
        [0, 2450],
      ],
    },
  ),
  met(
    "search.zero_result_rate",
    "Zero-result search rate",
    "%",
    "DECREASE",
    "AVERAGE",
    "WEEKLY",
    "Online Storefront",
    "Share of site searches returning no product.",
    {
      dp: 1,
      sd: 0.015,
      max: 100,
      trend: [
        [730, 11.5],
        [300, 11.8],
        [0, 13.6],
      ],
    },
  ),
  met(
    "ops.cost_per_order",
    "Fulfilment cost per order",
    "USD",
    "DECREASE",
    "AVERAGE",
    "WEEKLY",
    "Operations",
    "Warehouse and transport cost divided by orders shipped.",
    {
      dp: 2,
      sd: 0.008,
      trend: [
        [730, 7.95],
        [600, 7.9],
        [450, 7.45],
        [250, 7.45],
        [0, 6.95],
      ],
    },
  ),
  met(
    "ops.orders_shipped",
    "Orders shipped",
    "orders",
    "INCREASE",
    "SUM",
    "DAILY",
    "Fulfilment Automation",
    "Orders leaving the distribution centres per day.",
    {
      dp: -1,
      sd: 0.025,
      trend: [
        [730, 16_800],
        [365, 17_600],
        [0, 20_400],
      ],
    },
  ),
  met(
    "ops.on_time_delivery_rate",
    "On-time delivery rate",
    "%",
    "INCREASE",
    "AVERAGE",
    "WEEKLY",
    "Fulfilment Automation",
    "Orders delivered by the promised date.",
    {
      dp: 1,
      sd: 0.004,
      max: 100,
      trend: [
        [730, 90.5],
        [520, 90.8],
        [330, 93.6],
        [0, 94.2],
      ],
    },
  ),
  met(
    "cs.first_contact_resolution",
    "First contact resolution",
    "%",
    "INCREASE",
    "AVERAGE",
    "WEEKLY",
    "Contact Centre Modernisation",
    "Contacts resolved without a follow-up within 7 days.",
    {
      dp: 1,
      sd: 0.004,
      max: 100,
      trend: [
        [730, 66],
        [480, 66.5],
        [380, 70.5],
        [200, 70.9],
        [0, 72.8],
      ],
    },
  ),
  met(
    "cs.avg_handle_time_s",
    "Average handle time",
    "s",
    "DECREASE",
    "AVERAGE",
    "DAILY",
    "Contact Centre Modernisation",
    "Talk, hold and after-contact work per contact.",
    {
      dp: 0,
      sd: 0.012,
      trend: [
        [730, 410],
        [300, 402],
        [200, 398],
        [0, 436],
      ],
    },
  ),
  met("cs.nps", "NPS", "points", "INCREASE", "LAST", "MONTHLY", "Customer Service", "Net Promoter Score from the monthly relationship survey.", {
    dp: 1,
    sd: 0.03,
    trend: [
      [730, 18],
      [400, 20],
      [0, 30],
    ],
  }),
  met(
    "cs.self_service_rate",
    "Self-service resolution rate",
    "%",
    "INCREASE",
    "AVERAGE",
    "WEEKLY",
    "Customer Service",
    "Questions resolved in help pages or chat without an agent. The CRM export broke in the last upgrade.",
    {
      dp: 1,
      sd: 0.02,
      max: 100,
      stoppedDaysAgo: 110,
      trend: [
        [730, 14],
        [300, 17],
        [0, 24],
      ],
    },
  ),
  met(
    "platform.p95_latency_ms",
    "API latency (p95)",
    "ms",
    "DECREASE",
    "MAX",
    "DAILY",
    "Cloud Platform",
    "95th percentile latency of the order and catalogue APIs.",
    {
      dp: 0,
      sd: 0.04,
      trend: [
        [730, 520],
        [450, 510],
        [0, 330],
      ],
    },
  ),
  met(
    "platform.availability",
    "Storefront availability",
    "%",
    "INCREASE",
    "MIN",
    "MONTHLY",
    "Cloud Platform",
    "Share of minutes in the month with the storefront up.",
    {
      dp: 2,
      sd: 0.0002,
      max: 100,
      trend: [
        [730, 99.7],
        [500, 99.74],
        [300, 99.86],
        [0, 99.95],
      ],
    },
  ),
  met(
    "platform.cloud_cost_monthly",
    "Cloud spend",
    "USD",
    "DECREASE",
    "SUM",
    "MONTHLY",
    "Cloud Platform",
    "Invoiced public-cloud cost for the month.",
    {
      dp: -3,
      sd: 0.012,
      trend: [
        [730, 360_000],
        [400, 420_000],
        [250, 440_000],
        [0, 370_000],
      ],
    },
  ),
  met(
    "data.report_lead_time_days",
    "Report lead time",
    "days",
    "DECREASE",
    "AVERAGE",
    "QUARTERLY",
    "Data & Analytics",
    "Days from a business request to a published report.",
    {
      dp: 1,
      sd: 0.03,
      trend: [
        [730, 12.5],
        [365, 11.8],
        [0, 6.2],
      ],
    },
  ),
];

export interface DemoHypothesis {
  initiative: string;
  metric: string;
  /** Baseline taken this many days before the seeding instant. */
  since: number;
  /** Target date in days from the seeding instant (negative: already past). */
  by: number;
  /** The status it is built to show; omitted for drafts and abandoned ones (`target` given). */
  status?: DemoStatus;
  /** Fixed target, for hypotheses whose status is not designed. */
  target?: number;
  /** Overrides the ratio derived from the status (negative: the KPI moved the wrong way). */
  r?: number;
  weight?: number;
  benefit: number;
  state?: HypothesisState;
  because: string;
}

const hyp = (
  initiative: string,
  metric: string,
  since: number,
  by: number,
  design: Partial<DemoHypothesis>,
  benefit: number,
  because: string,
): DemoHypothesis => ({ initiative, metric, since, by, benefit, because, ...design });

export const HYPOTHESES: DemoHypothesis[] = [
  hyp(
    "One-page checkout",
    "checkout.conversion_rate",
    420,
    -60,
    { status: "ACHIEVED", state: "VALIDATED", weight: 2 },
    2_600_000,
    "every removed step loses fewer buyers",
  ),
  hyp(
    "One-page checkout",
    "checkout.cart_abandonment_rate",
    420,
    -60,
    { status: "MISSED", state: "INVALIDATED" },
    900_000,
    "a shorter checkout leaves less time to change one's mind",
  ),
  hyp(
    "Storefront performance overhaul",
    "checkout.conversion_rate",
    300,
    90,
    { status: "ON_TRACK", weight: 0.5 },
    800_000,
    "faster pages keep shoppers in the funnel",
  ),
  hyp(
    "Storefront performance overhaul",
    "web.lcp_p75_ms",
    400,
    60,
    { status: "ON_TRACK", weight: 2 },
    400_000,
    "images served from the CDN at the right size render sooner",
  ),
  hyp(
    "Personalised recommendations",
    "checkout.conversion_rate",
    600,
    -90,
    { status: "ACHIEVED", state: "VALIDATED", weight: 0.5 },
    700_000,
    "relevant products shorten the path to purchase",
  ),
  hyp(
    "Personalised recommendations",
    "revenue.online_monthly",
    600,
    -90,
    { status: "ACHIEVED", state: "VALIDATED" },
    2_400_000,
    "recommendations raise basket size",
  ),
  hyp(
    "Search relevance tuning",
    "search.zero_result_rate",
    270,
    30,
    { status: "OFF_TRACK", r: -0.3 },
    600_000,
    "synonyms and spelling correction find products for misspelt queries",
  ),
  hyp(
    "Search relevance tuning",
    "checkout.conversion_rate",
    270,
    30,
    { status: "OFF_TRACK", r: 0.45, weight: 0.5 },
    500_000,
    "shoppers who find what they search for buy it",
  ),
  hyp("Buy now, pay later", "revenue.online_monthly", 200, 160, { status: "AT_RISK" }, 1_500_000, "instalments unlock larger baskets"),
  hyp(
    "Buy now, pay later",
    "checkout.conversion_rate",
    200,
    160,
    { status: "ON_TRACK", weight: 0.5 },
    600_000,
    "fewer payments are declined at the last step",
  ),
  hyp(
    "Saved payment wallets",
    "checkout.cart_abandonment_rate",
    14,
    300,
    { state: "DRAFT", target: 62 },
    700_000,
    "returning customers no longer type card details",
  ),
  hyp(
    "Marketplace seller onboarding",
    "revenue.online_monthly",
    10,
    420,
    { state: "DRAFT", target: 6_000_000 },
    3_000_000,
    "a wider range brings new customers",
  ),
  hyp(
    "Carrier rate renegotiation",
    "ops.cost_per_order",
    640,
    -380,
    { status: "ACHIEVED", state: "VALIDATED" },
    1_200_000,
    "tendered volumes buy lower parcel rates",
  ),
  hyp("Regional DC consolidation", "ops.cost_per_order", 500, -30, { status: "MISSED" }, 2_500_000, "one site has lower fixed costs than two"),
  hyp(
    "Regional DC consolidation",
    "ops.on_time_delivery_rate",
    500,
    -30,
    { status: "MISSED", weight: 0.5 },
    400_000,
    "one modern site misses fewer carrier cut-offs",
  ),
  hyp(
    "Warehouse robotics pilot",
    "ops.cost_per_order",
    360,
    90,
    { status: "AT_RISK", weight: 2 },
    2_800_000,
    "robots replace walking pickers on the night shift",
  ),
  hyp("Warehouse robotics pilot", "ops.orders_shipped", 360, 90, { status: "ON_TRACK" }, 1_000_000, "goods-to-person picking raises peak throughput"),
  hyp(
    "Pick-path optimisation",
    "ops.on_time_delivery_rate",
    500,
    -240,
    { status: "ACHIEVED", state: "VALIDATED" },
    350_000,
    "shorter pick routes make the evening carrier cut-off",
  ),
  hyp(
    "Autonomous forklift study",
    "ops.cost_per_order",
    380,
    -100,
    { state: "ABANDONED", target: 7 },
    600_000,
    "autonomous forklifts cut pallet handling labour",
  ),
  hyp(
    "Knowledge base rebuild",
    "cs.first_contact_resolution",
    500,
    -330,
    { status: "ACHIEVED", state: "VALIDATED" },
    450_000,
    "agents find the right answer on the first call",
  ),
  hyp(
    "Knowledge base rebuild",
    "cs.self_service_rate",
    500,
    -300,
    { status: "ACHIEVED", state: "VALIDATED", weight: 0.5 },
    300_000,
    "customers find answers in the help pages",
  ),
  hyp(
    "AI chat assistant",
    "cs.self_service_rate",
    100,
    260,
    { status: "NO_DATA", target: 30 },
    1_100_000,
    "the assistant answers order-status questions without an agent",
  ),
  hyp("Callback scheduling", "cs.nps", 20, 240, { state: "DRAFT", target: 34 }, 250_000, "nobody likes waiting on hold"),
  hyp(
    "Omnichannel agent desktop",
    "cs.avg_handle_time_s",
    240,
    120,
    { status: "OFF_TRACK", r: -0.5, weight: 2 },
    900_000,
    "agents stop switching between five applications",
  ),
  hyp("Omnichannel agent desktop", "cs.first_contact_resolution", 240, 120, { status: "AT_RISK" }, 500_000, "agents see the whole contact history"),
  hyp("Omnichannel agent desktop", "cs.nps", 240, 120, { status: "AT_RISK", weight: 0.5 }, 300_000, "customers no longer repeat themselves"),
  hyp(
    "Cloud contact centre migration",
    "cs.nps",
    330,
    200,
    { status: "ON_TRACK" },
    600_000,
    "smarter routing sends callers to the right agent first",
  ),
  hyp(
    "Cloud contact centre migration",
    "cs.first_contact_resolution",
    330,
    200,
    { status: "ON_TRACK" },
    400_000,
    "skills-based routing matches questions to expertise",
  ),
  hyp(
    "Cloud contact centre migration",
    "cs.self_service_rate",
    95,
    270,
    { status: "NO_DATA", target: 28, weight: 0.5 },
    200_000,
    "the new IVR resolves simple requests itself",
  ),
  hyp(
    "Workforce management tool",
    "cs.avg_handle_time_s",
    10,
    300,
    { state: "DRAFT", target: 400 },
    300_000,
    "well-staffed shifts have fewer rushed transfers",
  ),
  hyp(
    "Kubernetes platform migration",
    "platform.p95_latency_ms",
    420,
    180,
    { status: "ON_TRACK", weight: 2 },
    500_000,
    "autoscaling absorbs traffic peaks",
  ),
  hyp(
    "Kubernetes platform migration",
    "platform.cloud_cost_monthly",
    420,
    180,
    { status: "AT_RISK" },
    1_400_000,
    "bin-packed containers need fewer VMs",
  ),
  hyp("Kubernetes platform migration", "web.lcp_p75_ms", 420, 180, { status: "ON_TRACK", weight: 0.5 }, 300_000, "storefront services answer faster"),
  hyp(
    "FinOps cost controls",
    "platform.cloud_cost_monthly",
    270,
    -90,
    { status: "ACHIEVED", state: "VALIDATED" },
    900_000,
    "teams that see their spend rightsize it",
  ),
  hyp(
    "Observability stack",
    "platform.availability",
    560,
    -200,
    { status: "ACHIEVED", state: "VALIDATED" },
    800_000,
    "incidents are detected and fixed in minutes, not hours",
  ),
  hyp(
    "Observability stack",
    "platform.p95_latency_ms",
    560,
    -200,
    { status: "MISSED", state: "INVALIDATED", weight: 0.5 },
    200_000,
    "tracing points at the slowest calls",
  ),
  hyp(
    "Self-service BI",
    "data.report_lead_time_days",
    300,
    150,
    { status: "ON_TRACK" },
    650_000,
    "business teams build their own reports from governed data sets",
  ),
  hyp(
    "Customer data platform",
    "revenue.online_monthly",
    30,
    365,
    { state: "DRAFT", target: 5_900_000 },
    2_000_000,
    "one profile makes campaigns more relevant",
  ),
];

export interface DemoCorrection {
  metric: string;
  /** The observation at or just before this many days ago is corrected. */
  daysAgo: number;
  /** What was first recorded, as a multiple of the correct value. */
  wrongBy: number;
  note: string;
}

// Each one is first stored wrong, then corrected: the trigger keeps the superseded value.
export const CORRECTIONS: DemoCorrection[] = [
  { metric: "ops.orders_shipped", daysAgo: 200, wrongBy: 2, note: "Corrected: the WMS export replayed the day twice." },
  { metric: "checkout.conversion_rate", daysAgo: 95, wrongBy: 1.6, note: "Corrected: bot sessions were excluded from the denominator twice." },
  { metric: "platform.p95_latency_ms", daysAgo: 45, wrongBy: 3.2, note: "Corrected: load-test traffic removed." },
  { metric: "cs.avg_handle_time_s", daysAgo: 150, wrongBy: 1.4, note: "Corrected: after-contact work was counted twice." },
  { metric: "revenue.online_monthly", daysAgo: 300, wrongBy: 0.9, note: "Corrected: late marketplace settlements added." },
  { metric: "ops.cost_per_order", daysAgo: 60, wrongBy: 1.12, note: "Corrected: a carrier invoice was booked in the wrong week." },
  { metric: "cs.nps", daysAgo: 250, wrongBy: 0.8, note: "Corrected: survey responses from staff removed." },
];

// ---- The measurement model: trend + seasonality + autocorrelated noise, deterministic ----

export const DAY = 86_400_000;
/** Retail peak multipliers by UTC month; ≥ 1 only, so they never reverse a designed trend. */
const SEASON: Record<number, number> = { 10: 1.08, 11: 1.22 };

export interface SeriesPlan {
  key: string;
  times: number[];
  values: number[];
}

/** mulberry32: a tiny seeded PRNG, so the dataset is the same on every run (Math.random is not). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: each metric gets its own random stream, independent of list order. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Rounds to `dp` decimals; a negative dp rounds to tens, thousands… without float residue. */
export function round(x: number, dp: number): number {
  if (dp < 0) return Math.round(x / 10 ** -dp) * 10 ** -dp;
  return Math.round(x * 10 ** dp) / 10 ** dp;
}

/** Values carry one decimal more than baselines and targets, like real averages do. */
export const valueDp = (m: DemoMetric) => (m.dp <= 0 ? 0 : m.dp + 1);

export function trendAt(trend: Array<[number, number]>, daysAgo: number): number {
  if (daysAgo >= trend[0][0]) return trend[0][1];
  for (let i = 1; i < trend.length; i++) {
    const [d1, v1] = trend[i];
    if (daysAgo >= d1) {
      const [d0, v0] = trend[i - 1];
      return v1 + ((v0 - v1) * (daysAgo - d1)) / (d0 - d1);
    }
  }
  return trend[trend.length - 1][1];
}

export const startOfDay = (t: number) => Math.floor(t / DAY) * DAY;

/** Two years of observation instants at the cadence, aligned to UTC calendar boundaries, oldest first. */
function observationTimes(cadence: DemoMetric["cadence"], now: Date): number[] {
  const day0 = startOfDay(now.getTime());
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const out: number[] = [];
  if (cadence === "DAILY") for (let i = 729; i >= 0; i--) out.push(day0 - i * DAY);
  if (cadence === "WEEKLY") {
    const monday = day0 - ((now.getUTCDay() + 6) % 7) * DAY;
    for (let i = 104; i >= 0; i--) out.push(monday - i * 7 * DAY);
  }
  if (cadence === "MONTHLY") for (let i = 23; i >= 0; i--) out.push(Date.UTC(y, m - i, 1));
  if (cadence === "QUARTERLY") for (let i = 7; i >= 0; i--) out.push(Date.UTC(y, m - (m % 3) - 3 * i, 1));
  return out;
}

export function generateSeries(m: DemoMetric, key: string, now: Date): SeriesPlan {
  const rand = prng(hash(m.key));
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cutoff = now.getTime() - (m.stoppedDaysAgo ?? 0) * DAY;
  const times: number[] = [];
  const values: number[] = [];
  let noise = 0;
  for (const t of observationTimes(m.cadence, now)) {
    // AR(1) noise, clamped: neighbouring observations resemble each other like real KPIs,
    // and no outlier can reverse a designed trend (checked per hypothesis in demo.ts).
    noise = clamp(0.6 * noise + 0.8 * normal(), -2.5, 2.5);
    if (t > cutoff) continue; // drawn anyway, so a stopped feed does not shift the stream
    const season = m.seasonal ? (SEASON[new Date(t).getUTCMonth()] ?? 1) : 1;
    const v = trendAt(m.trend, (now.getTime() - t) / DAY) * season * (1 + m.sd * noise);
    times.push(t);
    values.push(round(Math.min(v, m.max ?? Infinity), valueDp(m)));
  }
  return { key, times, values };
}
