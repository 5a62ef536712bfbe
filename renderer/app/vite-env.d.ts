/** Vite's `?url` imports give the URL of the file in the build. */
declare module '*?url' {
  const url: string;
  export default url;
}
