/**
 * The PySpark code inserted into a notebook or a Python file to use a connected session. It
 * reads the connection string from SPARK_REMOTE at run time, so the auth token is never written
 * into a file: only the session's ids and the matching PySpark version appear in it.
 */
import { pysparkForRelease } from './pysparkVersions';
import { SPARK_REMOTE } from './sparkConnect';

export interface SnippetSession {
  readonly applicationId: string;
  readonly sessionId: string;
  readonly releaseLabel?: string;
}

/**
 * Python source, ending in a newline. `SparkSession.builder.remote(...)` is given the variable's
 * value explicitly, so that a missing variable fails with a message that says what to do rather
 * than starting a local Spark.
 */
export function pysparkSnippet(session: SnippetSession): string {
  const match = session.releaseLabel ? pysparkForRelease(session.releaseLabel) : undefined;
  const install = match?.known
    ? `# Needs ${match.pipInstall} (Python ${match.pythonVersion}, as on ${match.releaseLabel}).`
    : '# Needs pip install "pyspark[connect]" at the Spark version of the session\'s release.';
  return [
    `# Spark Connect to EMR Serverless session ${session.sessionId} (application ${session.applicationId}).`,
    `# ${SPARK_REMOTE} holds the connection string and its auth token; "Use in terminals" sets it`,
    '# for new terminals, so run this from one of them (or a kernel started from one).',
    install,
    'import os',
    '',
    'from pyspark.sql import SparkSession',
    '',
    `if "${SPARK_REMOTE}" not in os.environ:`,
    `    raise RuntimeError("${SPARK_REMOTE} is not set: connect to the session and choose 'Use in terminals' first.")`,
    `spark = SparkSession.builder.remote(os.environ["${SPARK_REMOTE}"]).getOrCreate()`,
    'spark.sql("SELECT 1 AS connected").show()',
    '',
  ].join('\n');
}
