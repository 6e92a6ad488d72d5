import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { SeriesInterval } from "./metric-value";

registerEnumType(SeriesInterval, {
  name: "SeriesInterval",
  description: "Calendar bucket of a series, aligned in UTC.",
  valuesConfig: {
    DAY: { description: "Calendar days (00:00 UTC)." },
    WEEK: { description: "ISO weeks, starting Monday 00:00 UTC." },
    MONTH: { description: "Calendar months." },
    QUARTER: { description: "Calendar quarters (January, April, July, October)." },
    YEAR: { description: "Calendar years." },
  },
});

@ObjectType({ simpleResolvers: true, description: "One calendar bucket of a metric series." })
export class SeriesPoint {
  @Field(() => Date, { description: "Start of the bucket (UTC calendar boundary); the first bucket may start before `from`." })
  start!: Date;

  @Field(() => Float, {
    nullable: true,
    description: "The metric's aggregation of the values observed in the bucket within [from, to); null when there are none.",
  })
  value!: number | null;

  @Field(() => Int, { description: "How many measurements the bucket holds within [from, to)." })
  count!: number;
}
