import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('applies defaults: port 3000, ./data, SQLite file under the data directory', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.databasePath).toBe(path.join(path.resolve('./data'), 'pingcha.sqlite'));
    expect(config.extraction.workers).toBeGreaterThanOrEqual(1);
    expect(config.upload.maxFileBytes).toBe(200 * 1024 * 1024);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/pc',
      DATABASE_PATH: ':memory:',
      UPLOAD_MAX_FILE_BYTES: '1000',
      UPLOAD_MAX_FILES: '3',
      EXTRACT_WORKERS: '2',
      EXTRACT_TIMEOUT_MS: '5000',
      EXTRACT_NICE: '5',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/pc',
      databasePath: ':memory:',
      upload: { maxFileBytes: 1000, maxFiles: 3 },
      extraction: { workers: 2, timeoutMs: 5000, niceIncrement: 5 },
    });
  });

  it('runs extraction threads at a lower priority by default', () => {
    expect(loadConfig({}).extraction.niceIncrement).toBe(10);
    expect(loadConfig({ EXTRACT_NICE: '0' }).extraction.niceIncrement).toBe(0);
  });

  it('is frozen, nested parts too', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.upload)).toBe(true);
    expect(Object.isFrozen(config.extraction)).toBe(true);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['UPLOAD_MAX_FILE_BYTES', '-5'],
    ['EXTRACT_TIMEOUT_MS', '10'],
    ['EXTRACT_NICE', '20'],
    ['EXTRACT_NICE', '-1'],
    ['LOG_LEVEL', 'loud'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
