import { SignJWT } from "jose";
import { TEST_JWT_SECRET } from "./app";

/** A person's identity-provider token, signed with the test server's HS256 secret. */
export async function personToken(sub: string, options: { admin?: boolean; expiresIn?: string; secret?: string } = {}): Promise<string> {
  return new SignJWT({ roles: options.admin ? ["rmo:admin"] : [], name: sub })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "1h")
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}
