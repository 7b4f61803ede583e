/**
 * Which local PySpark matches an EMR release: the one table of it, and the install command.
 *
 * A Spark Connect client must run the same Spark version as the session, and Python UDFs also
 * need the workers' Python minor version.
 *
 * Source: AWS's Spark Connect sample for EMR Serverless sessions (`examples/spark-connect` in
 * aws-samples/emr-serverless-samples) and the Amazon EMR 7.13.0 release notes: emr-7.13.0 ships
 * Spark 3.5.6 and Python 3.11. Interactive sessions need emr-7.13.0 or later. Add a row when a
 * new release's notes give its Spark and Python versions; a release not in the table is never
 * guessed.
 */

export interface PySparkMatch {
  /** The PySpark (= Spark) version of the release, such as `3.5.6`. */
  readonly pysparkVersion: string;
  /** The workers' Python minor version, such as `3.11`. */
  readonly pythonVersion: string;
}

/** EMR release label → the matching client versions. */
export const PYSPARK_BY_RELEASE: Readonly<Record<string, PySparkMatch>> = {
  'emr-7.13.0': { pysparkVersion: '3.5.6', pythonVersion: '3.11' },
};

export type PySparkLookup =
  | ({ readonly known: true; readonly releaseLabel: string; readonly pipInstall: string } & PySparkMatch)
  | { readonly known: false; readonly releaseLabel: string; readonly message: string };

/**
 * The PySpark that matches a release label. For a release missing from PYSPARK_BY_RELEASE the
 * answer says so, and says where to look, instead of guessing.
 */
export function pysparkForRelease(releaseLabel: string): PySparkLookup {
  const match = Object.hasOwn(PYSPARK_BY_RELEASE, releaseLabel) ? PYSPARK_BY_RELEASE[releaseLabel] : undefined;
  if (!match) {
    return {
      known: false,
      releaseLabel,
      message: `The PySpark version for ${releaseLabel || 'this release'} is not known to this extension. Install the PySpark version of the release's Spark, as listed in the Amazon EMR release notes for ${releaseLabel || 'the release'}.`,
    };
  }
  return { known: true, releaseLabel, ...match, pipInstall: pipInstallCommand(match.pysparkVersion) };
}

/** `pip install "pyspark[connect]==3.5.6"`: quoted, so that shells do not expand the brackets. */
export function pipInstallCommand(pysparkVersion: string): string {
  return `pip install "pyspark[connect]==${pysparkVersion}"`;
}
