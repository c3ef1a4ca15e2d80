/** An Aurora cluster ARN (any partition); its first group is the region, its second the cluster identifier. */
export const CLUSTER_ARN = /^arn:aws[a-z-]*:rds:([a-z0-9-]+):\d{12}:cluster:([a-z][a-z0-9-]*)$/;
