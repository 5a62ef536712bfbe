/**
 * A stand-in for the parts of `document` the browser bridge uses, because
 * the unit tests run in Node without a DOM.
 */
export interface FakeLink {
  href: string;
  download: string;
  clicks: number;
  inDocument: boolean;
}

export function createFakeDocument(configText: string | null = null) {
  const links: FakeLink[] = [];

  const document = {
    links,
    createElement(_tagName: 'a') {
      const link = {
        href: '',
        download: '',
        clicks: 0,
        inDocument: false,
        click() {
          link.clicks += 1;
        },
        remove() {
          link.inDocument = false;
        },
      };
      links.push(link);
      return link;
    },
    body: {
      append(node: unknown) {
        (node as FakeLink).inDocument = true;
      },
    },
    getElementById(id: string) {
      if (id !== 'copydesk-config' || configText === null) {
        return null;
      }
      return { textContent: configText };
    },
  };
  return document;
}
