/**
 * Partitions by their regions' names, as the AWS SDKs match them ("regionRegex" of each partition
 * in https://github.com/boto/botocore/blob/develop/botocore/data/partitions.json). A name that
 * matches none (a partition added since) has no known partition, and nothing is judged by it.
 */
const PARTITIONS: readonly { readonly partition: string; readonly regions: RegExp }[] = [
  { partition: "aws", regions: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/ },
  { partition: "aws-cn", regions: /^cn-\w+-\d+$/ },
  { partition: "aws-us-gov", regions: /^us-gov-\w+-\d+$/ },
  { partition: "aws-iso", regions: /^us-iso-\w+-\d+$/ },
  { partition: "aws-iso-b", regions: /^us-isob-\w+-\d+$/ },
  { partition: "aws-iso-e", regions: /^eu-isoe-\w+-\d+$/ },
  { partition: "aws-iso-f", regions: /^us-isof-\w+-\d+$/ },
];

/** The partition of a region, such as `aws-cn` for `cn-north-1`; undefined for a name no partition claims. */
export function partitionOfRegion(region: string): string | undefined {
  return PARTITIONS.find(({ regions }) => regions.test(region))?.partition;
}
