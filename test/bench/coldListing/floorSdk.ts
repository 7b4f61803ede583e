/**
 * What the bare Node process of the cold-listing floor loads of the AWS SDK, behind an
 * `import()` as the extension loads its AWS side: the EMR Serverless client and its paginator,
 * and the credential providers, from the same packages.
 */
export { EMRServerlessClient, paginateListApplications } from '@aws-sdk/client-emr-serverless';
export { fromIni } from '@aws-sdk/credential-providers';
