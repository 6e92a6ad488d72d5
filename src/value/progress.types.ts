import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { ProgressStatus } from "./progress";

registerEnumType(ProgressStatus, {
  name: "ProgressStatus",
  description:
    "Where a hypothesis stands as of an instant; the first rule that matches, in the order NO_DATA, ACHIEVED, MISSED, ON_TRACK, AT_RISK, OFF_TRACK.",
  valuesConfig: {
    NO_DATA: { description: "No measurement of the metric in [baselineAt, asOf]." },
    ON_TRACK: { description: "ratio ≥ expectedRatio − 0.10 (and not yet achieved or missed)." },
    AT_RISK: { description: "ratio ≥ expectedRatio − 0.25, but below the ON_TRACK threshold." },
    OFF_TRACK: { description: "ratio below expectedRatio − 0.25." },
    ACHIEVED: { description: "ratio ≥ 1: the target was reached (late counts too)." },
    MISSED: { description: "asOf is after targetDate and the target was not reached." },
  },
});

@ObjectType({
  simpleResolvers: true,
  description:
    "Progress of an outcome hypothesis as of an instant (DOMAIN.md, “Value realization”). Only measurements observed in [baselineAt, asOf] count.",
})
export class HypothesisProgress {
  @Field(() => Date, { description: "The instant this progress is evaluated at (world time: observations made by then count)." })
  asOf!: Date;

  @Field(() => Date, {
    description: "The record time it was computed at: what the service had recorded by then counts. Store it with the figure to reproduce it.",
  })
  knownAt!: Date;

  @Field(() => Float, {
    nullable: true,
    description: "The value of the measurement with the greatest observedAt in [baselineAt, asOf] (ties: latest recorded); null when there is none.",
  })
  current!: number | null;

  @Field(() => Date, { nullable: true, description: "When the current value was observed." })
  currentObservedAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "(current − baseline) / (target − baseline), not clamped: below 0 when the KPI moved the wrong way, above 1 on overshoot. Null without data.",
  })
  ratio!: number | null;

  @Field(() => Float, {
    description: "Share of the time from baselineAt to targetDate that has passed at asOf, clamped to [0, 1].",
  })
  expectedRatio!: number;

  @Field(() => ProgressStatus, { description: "Status by DOMAIN.md's rules." })
  status!: ProgressStatus;

  @Field(() => Float, {
    nullable: true,
    description:
      "The least-squares line of value on time through the measurements in [baselineAt, asOf], evaluated at targetDate. Null with fewer than 3 distinct observation times.",
  })
  forecastAtTarget!: number | null;

  @Field(() => Float, { nullable: true, description: "The ratio forecastAtTarget would give; null without a forecast." })
  forecastRatio!: number | null;

  @Field(() => Date, {
    nullable: true,
    description: "When the forecast line reaches the target, if it moves in the better direction and reaches it after baselineAt; else null.",
  })
  forecastAchievedAt!: Date | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "An outcome hypothesis's progress at the end of one calendar bucket: what a board reviewing that period saw. Computed by the same rules as `progress`.",
})
export class ProgressPoint {
  @Field(() => Date, { description: "Start of the bucket (UTC calendar boundary); the first bucket may start before `from`." })
  start!: Date;

  @Field(() => Date, {
    description: "The instant the point is evaluated at: the bucket's last millisecond, or earlier when `to` or now falls inside the bucket.",
  })
  asOf!: Date;

  @Field(() => Float, { nullable: true, description: "The current value as of `asOf` (see HypothesisProgress.current); null without data." })
  current!: number | null;

  @Field(() => Date, { nullable: true, description: "When that current value was observed." })
  currentObservedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: "(current − baseline) / (target − baseline), not clamped; null without data." })
  ratio!: number | null;

  @Field(() => Float, { description: "Share of the time from baselineAt to targetDate passed at `asOf`, in [0, 1]." })
  expectedRatio!: number;

  @Field(() => ProgressStatus, { description: "The status as of `asOf`." })
  status!: ProgressStatus;
}
