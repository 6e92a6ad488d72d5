/**
 * Stands in for `graphql` from react-relay, so this example needs no React: relay-compiler
 * reads the tagged templates; a real app imports `graphql` from "react-relay" instead.
 */
export function graphql(strings: TemplateStringsArray): string {
  return strings.join("");
}
