/**
 * Arguments of one `curl` process that fetches every URL of `configFile`
 * with `parallelism` transfers at a time, and prints the status and size of
 * each transfer on its own line.
 */
export function parallelCurlArguments(
  configFile: string,
  parallelism: number,
): string[] {
  return [
    '--parallel',
    '--parallel-max',
    String(parallelism),
    '--silent',
    '--show-error',
    '--config',
    configFile,
    '--write-out',
    '%{http_code} %{size_download}\\n',
  ];
}
