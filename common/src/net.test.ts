import { describe, expect, it } from 'vitest';
import { splitHostPort } from './net.js';

describe('splitHostPort', () => {
  it('splits host:port, [v6]:port, and leaves the port out where there is none', () => {
    expect(splitHostPort('noc.example.net:50051')).toEqual({
      host: 'noc.example.net',
      port: 50051,
    });
    expect(splitHostPort('10.0.0.7:443')).toEqual({ host: '10.0.0.7', port: 443 });
    expect(splitHostPort('[2001:db8::1]:50051')).toEqual({ host: '2001:db8::1', port: 50051 });
    expect(splitHostPort('[2001:db8::1]')).toEqual({ host: '2001:db8::1' });
    expect(splitHostPort('2001:db8::1')).toEqual({ host: '2001:db8::1' });
    expect(splitHostPort('noc.example.net')).toEqual({ host: 'noc.example.net' });
    expect(splitHostPort('noc.example.net:http')).toEqual({ host: 'noc.example.net:http' });
  });
});
