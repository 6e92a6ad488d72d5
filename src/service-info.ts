import { Ctx, Field, Int, ObjectType, Query, Resolver, Authorized } from "type-graphql";
import { Capability } from "./access/capabilities";
import { Context } from "./context";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./common/connection";

@ObjectType({ simpleResolvers: true, description: "Deployment settings clients need to interpret answers and size requests." })
export class ServiceInfo {
  @Field(() => String, { description: "ISO 4217 code of the currency every money field is in." })
  reportingCurrency!: string;

  @Field(() => Int, { description: "Page size when `first`/`last` is not given." })
  defaultPageSize!: number;

  @Field(() => Int, { description: "Largest allowed `first`/`last`." })
  maxPageSize!: number;

  @Field(() => Int, { description: "Most measurements one `recordMeasurements` call accepts." })
  maxMeasurementsPerCall!: number;
}

@Resolver()
export class ServiceInfoResolver {
  @Authorized(Capability.READ)
  @Query(() => ServiceInfo, { description: "Deployment settings: reporting currency and request limits." })
  serviceInfo(@Ctx() ctx: Context): ServiceInfo {
    return {
      reportingCurrency: ctx.config.reportingCurrency,
      defaultPageSize: DEFAULT_PAGE_SIZE,
      maxPageSize: MAX_PAGE_SIZE,
      maxMeasurementsPerCall: ctx.config.maxMeasurementsPerCall,
    };
  }
}
