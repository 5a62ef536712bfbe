import { useState, type ComponentProps, type RefObject } from 'react';

import { CopyScreen } from '../screens/copy-screen';

type PagedCopyProps = Omit<
  ComponentProps<typeof CopyScreen>,
  'page' | 'onPageChange'
> & {
  /** Receives the page on screen, for the parts that read it when they open. */
  pageRef: RefObject<number>;
};

/**
 * Renders the copy's scan and keeps the page on screen. The page lives here
 * rather than in the workspace, so a page turn re-renders the scan column
 * only, not the copy list and the marking panel around it.
 */
export function PagedCopy(props: PagedCopyProps) {
  const { pageRef, ...copyProps } = props;
  // Each copy opens at its first page.
  const [shown, setShown] = useState({ copyId: props.copyId, page: 1 });
  const page = shown.copyId === props.copyId ? shown.page : 1;
  pageRef.current = page;

  return (
    <CopyScreen
      {...copyProps}
      page={page}
      onPageChange={(next) => setShown({ copyId: props.copyId, page: next })}
    />
  );
}
