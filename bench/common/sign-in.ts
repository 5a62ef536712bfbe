/** Signs in to a reference server and returns the access token. */
export async function signIn(
  baseUrl: string,
  account: { username: string; password: string },
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: account.username,
      password: account.password,
      deviceName: 'bench',
    }),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(
      `Sign-in of ${account.username} at ${baseUrl} failed with ${response.status}: ${text}`,
    );
  }
  return (JSON.parse(text) as { accessToken: string }).accessToken;
}
