import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, envOverrides, loadConfig } from './config.js';

const schema = z.object({
  mqtt: z
    .object({
      url: z.string().default('embedded'),
      keepaliveS: z.number().int().positive().default(10),
    })
    .default({ url: 'embedded', keepaliveS: 10 }),
  dataDir: z.string().default('./data'),
});

describe('loadConfig', () => {
  it('applies defaults, then env, then injected overrides', () => {
    const cfg = loadConfig(schema, {
      envPrefix: 'EF_T_',
      env: {
        EF_T_MQTT__URL: 'mqtt://127.0.0.1:1883',
        EF_T_MQTT__KEEPALIVE_S: '30',
        EF_T_DATA_DIR: '/env',
      },
      overrides: { dataDir: '/inj' },
    });
    expect(cfg).toEqual({
      mqtt: { url: 'mqtt://127.0.0.1:1883', keepaliveS: 30 },
      dataDir: '/inj',
    });
  });

  it('reports every invalid value with its path', () => {
    let err: unknown;
    try {
      loadConfig(schema, {
        envPrefix: 'EF_T_',
        env: { EF_T_MQTT__KEEPALIVE_S: '-3', EF_T_DATA_DIR: '7' },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const paths = (err as ConfigError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['dataDir', 'mqtt.keepaliveS']);
    expect((err as ConfigError).message).toContain('mqtt.keepaliveS');
  });

  it('maps nested env names to camelCase paths', () => {
    expect(envOverrides({ P_HTTP__BIND_HOST: '0.0.0.0', OTHER: 'x' }, 'P_')).toEqual({
      http: { bindHost: '0.0.0.0' },
    });
  });
});
