/**
 * The OCR panel of the workspace: search in the text read from the copy
 * or its batch, with the hits listed, and the text read on the page shown,
 * each word shaded by how doubtful the engine was.
 */
import type { KeyboardEvent } from 'react';
import {
  Button,
  Input,
  Label,
  Radio,
  RadioGroup,
  Text,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { MIN_QUERY_LENGTH, type OcrSearchHit } from '../../core/ocr/ocr-search';
import { LOW_CONFIDENCE } from './ocr-overlay';
import type { OcrSearch, SearchScopeKind } from './use-ocr-search';
import type { PageReadingState } from './use-page-reading';

export function OcrPanel(props: {
  page: number;
  reading: PageReadingState;
  search: OcrSearch;
  /** Shows a hit: its copy and page. */
  onJump(hit: OcrSearchHit): void;
  /** Receives the search field, so the panel's shortcut can focus it. */
  searchFieldRef?: React.Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const { search } = props;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') {
      return;
    }
    event.preventDefault();
    const hit = search.step(event.shiftKey ? -1 : 1);
    if (hit !== null) {
      props.onJump(hit);
    }
  };

  return (
    <section className="ocr-panel" aria-label={t('ocr.panel.toggle')}>
      <div className="ocr-search" role="search">
        <TextField
          value={search.query}
          onChange={search.setQuery}
          className="ocr-search-field"
        >
          <Label>{t('ocr.search.label')}</Label>
          <Input
            ref={props.searchFieldRef}
            type="search"
            onKeyDown={onKeyDown}
          />
          <Text slot="description">{t('ocr.search.hint')}</Text>
        </TextField>
        <RadioGroup
          value={search.scope}
          onChange={(value) => search.setScope(value as SearchScopeKind)}
          orientation="horizontal"
          className="ocr-search-scope"
        >
          <Label>{t('ocr.search.scope')}</Label>
          {/* The report form's radio look, which shows the choice made. */}
          <Radio value="copy" className="report-choice report-radio">
            <span className="choice-mark" aria-hidden="true" />
            {t('ocr.search.copy')}
          </Radio>
          <Radio value="batch" className="report-choice report-radio">
            <span className="choice-mark" aria-hidden="true" />
            {t('ocr.search.batch')}
          </Radio>
        </RadioGroup>
        <SearchResults search={search} onJump={props.onJump} />
      </div>
      <PageText page={props.page} reading={props.reading} />
    </section>
  );
}

function SearchResults(props: {
  search: OcrSearch;
  onJump(hit: OcrSearchHit): void;
}) {
  const { t } = useTranslation();
  const { search } = props;
  const { result } = search;

  if (search.error !== null) {
    return (
      <p role="alert" className="ocr-search-status">
        {t('ocr.search.failed', { error: search.error })}
      </p>
    );
  }
  if (search.query.trim().length < MIN_QUERY_LENGTH || result === null) {
    return (
      <p className="ocr-search-status muted">
        {search.query.trim() === ''
          ? null
          : t('ocr.search.tooShort', { count: MIN_QUERY_LENGTH })}
      </p>
    );
  }

  const count = result.hits.length;
  return (
    <>
      <p className="ocr-search-status" role="status">
        {t('ocr.search.count', { count })}
        {search.index !== null &&
          ` (${t('ocr.search.position', { index: search.index + 1, count })})`}
        {' · '}
        {t('ocr.search.coverage', {
          read: result.pagesRead,
          total: result.pagesTotal,
        })}
        {result.pagesRead < result.pagesTotal && (
          <span className="muted"> {t('ocr.search.incomplete')}</span>
        )}
      </p>
      {count > 0 && (
        <ol className="ocr-hits" aria-label={t('ocr.search.hits')}>
          {result.hits.map((hit, index) => (
            <li
              key={`${hit.copyId}-${hit.page}-${index}`}
              aria-current={index === search.index ? 'true' : undefined}
            >
              <Button
                onPress={() => {
                  search.select(index);
                  props.onJump(hit);
                }}
              >
                {t('ocr.search.hit', {
                  code: hit.anonymousCode,
                  page: hit.page,
                  context: hit.context,
                })}
              </Button>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function PageText(props: { page: number; reading: PageReadingState }) {
  const { t } = useTranslation();
  const { reading } = props;

  let body;
  switch (reading.status) {
    case 'loading':
      body = <p className="muted">{t('ocr.panel.loading')}</p>;
      break;
    case 'unread':
      body = <p className="muted">{t('ocr.panel.unread')}</p>;
      break;
    case 'failed':
      body = (
        <p role="alert">{t('ocr.panel.failed', { error: reading.message })}</p>
      );
      break;
    case 'read':
      body =
        reading.reading.lines.length === 0 ? (
          <p className="muted">{t('ocr.panel.empty')}</p>
        ) : (
          <>
            <div className="ocr-text">
              {reading.reading.lines.map((line, lineIndex) => (
                <p key={lineIndex}>
                  {line.words.map((word, wordIndex) => (
                    <span
                      key={wordIndex}
                      className={
                        word.confidence < LOW_CONFIDENCE
                          ? 'ocr-word ocr-word-low'
                          : 'ocr-word'
                      }
                      // Shading grows as the confidence falls.
                      style={{
                        ['--ocr-doubt' as string]: String(
                          (100 - Math.min(100, Math.max(0, word.confidence))) /
                            100,
                        ),
                      }}
                      title={t('ocr.panel.wordConfidence', {
                        text: word.text,
                        confidence: Math.round(word.confidence),
                      })}
                    >
                      {word.text}{' '}
                    </span>
                  ))}
                </p>
              ))}
            </div>
            <p className="muted ocr-legend">{t('ocr.panel.legend')}</p>
          </>
        );
      break;
  }

  return (
    <section
      className="ocr-page-text"
      aria-label={t('ocr.panel.title', { page: props.page })}
    >
      <h3>{t('ocr.panel.title', { page: props.page })}</h3>
      {body}
    </section>
  );
}
