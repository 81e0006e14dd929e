import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/core/circuit-breaker.ts';

describe('CircuitBreaker', () => {
  it('opens after consecutive failures, lets one trial through per pause, and closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ name: 'test', failures: 3, cooldownMs: 1000, now: () => now });
    breaker.failure();
    breaker.failure();
    breaker.success(); // a success in between starts the count again
    breaker.failure();
    breaker.failure();
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.open).toBe(true);
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.allow()).toBe(true); // the trial
    expect(breaker.allow()).toBe(false); // others wait for it
    breaker.failure(); // the trial failed: another pause
    now = 1999;
    expect(breaker.allow()).toBe(false);
    now = 2000;
    expect(breaker.allow()).toBe(true);
    breaker.success();
    expect(breaker.open).toBe(false);
    expect(breaker.allow()).toBe(true);
  });

  it('never opens with failures 0', () => {
    const breaker = new CircuitBreaker({ name: 'test', failures: 0 });
    for (let i = 0; i < 100; i++) breaker.failure();
    expect(breaker.allow()).toBe(true);
  });
});
