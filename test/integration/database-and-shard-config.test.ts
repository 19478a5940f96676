import { describe, expect, test } from 'vitest';
import { ConfigError, configSecrets, loadConfig } from '../../src/config.js';

const discord = { DISCORD_TOKEN: 'a.b.c', DISCORD_APPLICATION_ID: '1' };

describe('choosing the database', () => {
  test('GIVEN no DATABASE_URL THEN the bot runs on SQLite at DATABASE_PATH', () => {
    expect(loadConfig({ DATABASE_PATH: 'here.db' }).database).toEqual({ dialect: 'sqlite', path: 'here.db' });
  });

  test('GIVEN a postgres:// DATABASE_URL THEN PostgreSQL is used, and its password counts as a secret', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://bot:s3cret-pass@db.internal:5432/cookbook', DATABASE_POOL_SIZE: '4' });
    expect(config.database).toEqual({
      dialect: 'postgres',
      url: 'postgres://bot:s3cret-pass@db.internal:5432/cookbook',
      poolSize: 4,
    });
    expect(configSecrets(config)).toContain('s3cret-pass');
  });

  test.each([['mysql://root@127.0.0.1/test'], ['postgres://'], ['db.internal:5432']])(
    'GIVEN DATABASE_URL=%s THEN the bot refuses to start, naming the variable',
    (url) => {
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/DATABASE_URL is not valid: must be a postgres:\/\/ URL/);
    },
  );
});

describe('Discord gateway shards', () => {
  test('GIVEN neither variable THEN discord.js decides', () => {
    expect(loadConfig(discord).discord?.sharding).toBeUndefined();
  });

  test('GIVEN SHARD_COUNT and SHARD_IDS THEN this process runs those shards of that many', () => {
    expect(loadConfig({ ...discord, SHARD_COUNT: '4', SHARD_IDS: '3, 1' }).discord?.sharding).toEqual({ ids: [1, 3], count: 4 });
  });

  test('GIVEN SHARD_COUNT alone THEN this process runs every shard', () => {
    expect(loadConfig({ ...discord, SHARD_COUNT: '2' }).discord?.sharding).toEqual({ ids: [0, 1], count: 2 });
  });

  test.each([
    [{ SHARD_IDS: '0' }, 'SHARD_COUNT is required when SHARD_IDS is set'],
    [{ SHARD_COUNT: '2', SHARD_IDS: '2' }, 'shard 2 is not below SHARD_COUNT (2)'],
    [{ SHARD_COUNT: '2', SHARD_IDS: 'one' }, 'SHARD_IDS is not valid: must be shard numbers separated by commas'],
  ])('GIVEN %o THEN the bot refuses to start: %s', (env, message) => {
    expect(() => loadConfig({ ...discord, ...env })).toThrow(message);
  });
});
