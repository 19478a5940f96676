import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContent } from '../../src/core/content/content.js';
import { loadCorpus } from '../../src/core/content/load.js';
import { topicView } from '../../src/core/lookup/topic-view.js';
import { PROJECT_ROOT } from '../support/app.js';
import { md } from '../support/messages.js';

const corpus = loadCorpus(resolve(PROJECT_ROOT, 'content'));
const content = buildContent(corpus);
const edition = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/edition-episode-links.json'), 'utf8')) as {
  episodes: Record<string, string>;
  unnumbered: Record<string, string>;
  withoutLink: Record<string, string>;
};
const listed = corpus.topics.flatMap((topic) => topic.episodes.map((episode) => ({ topic: topic.id, ...episode })));

/** Every URL shown as a Markdown link in a view's text and fields. */
function clickableUrls(topicId: string): string[] {
  const topic = content.topic(topicId);
  if (!topic) throw new Error(`no topic ${topicId}`);
  const view = topicView(topic, content);
  const shown = [md(view.text), ...(view.fields ?? []).map((field) => md(field.value))].join('\n');
  return [...shown.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map((match) => match[1] as string);
}

describe('episodes and links of the shipped topics', () => {
  it('GIVEN every topic THEN no URL is listed twice among its episodes and links', () => {
    const repeated = corpus.topics.flatMap((topic) => {
      const urls = [...topic.episodes.flatMap((episode) => (episode.url ? [episode.url] : [])), ...topic.links.map((l) => l.url)];
      return urls.filter((url, i) => urls.indexOf(url) !== i).map((url) => `${topic.id}: ${url}`);
    });
    expect(repeated).toEqual([]);
  });

  it('GIVEN every episode the current edition links THEN each listing of it carries exactly that link', () => {
    const wrong = listed.flatMap((episode) => {
      const link = episode.number === undefined ? edition.unnumbered[episode.title] : edition.episodes[String(episode.number)];
      return link !== undefined && episode.url !== link
        ? [`${episode.topic}: ${episode.number ?? episode.title} has ${episode.url}`]
        : [];
    });
    expect(wrong).toEqual([]);
  });

  it('GIVEN an episode listed without a link THEN it is one that neither edition links', () => {
    const unexplained = listed.filter(
      (episode) => episode.url === undefined && (episode.number === undefined || !edition.withoutLink[String(episode.number)]),
    );
    expect(unexplained).toEqual([]);
    const linkedSomewhere = listed.filter(
      (episode) => episode.url !== undefined && episode.number !== undefined && edition.withoutLink[String(episode.number)],
    );
    expect(linkedSomewhere).toEqual([]);
  });

  it('GIVEN an episode without a link WHEN its topic is shown THEN it says the book gives none', () => {
    const hadoop = content.topic('hadoop');
    const episodes = hadoop && topicView(hadoop, content).fields?.find((field) => field.name === 'Podcast episodes')?.value;
    expect(md(episodes || undefined)).toBe('- #060 What Is Hadoop And Is Hadoop Still Relevant In 2019? (no link in the book)');
    expect(clickableUrls('kerberos').filter((url) => url.includes('anchor.fm'))).toEqual([]);
  });

  it('GIVEN a link the book marks broken THEN no topic shows it as a link, and no cut URL ("...") is ever clickable', () => {
    const broken = new Set(corpus.topics.flatMap((topic) => topic.links.filter((link) => link.broken).map((link) => link.url)));
    expect(broken.size).toBeGreaterThan(0);
    for (const topic of corpus.topics) {
      for (const url of clickableUrls(topic.id)) {
        expect(broken.has(url), `${topic.id}: ${url}`).toBe(false);
        expect(url, topic.id).not.toMatch(/\.\.\.|…/);
      }
    }
    const bmw = content.topic('case-bmw');
    expect(md(bmw && topicView(bmw, content).fields?.find((field) => field.name === 'Links')?.value)).toContain(
      'the book marks this link as broken',
    );
  });

  it('GIVEN the Spotify and NASA case studies THEN their article links are the ones the articles live at', () => {
    const spotify = clickableUrls('case-spotify').filter((url) => url.includes('event-delivery'));
    expect(spotify).toHaveLength(3);
    for (const url of spotify) expect(url).toContain('/spotifys-event-delivery-the-road-to-the-cloud-part-');
    const nasa = clickableUrls('case-nasa').find((url) => url.includes('spark-at-nasajplchris-mattmann'));
    expect(nasa).toBe(
      'https://www.slideshare.net/SparkSummit/spark-at-nasajplchris-mattmann?qid=90968554-288e-454a-b63a-21a45cfc897d&v=&b=&from_search=4',
    );
  });
});
