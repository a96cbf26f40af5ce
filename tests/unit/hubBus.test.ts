import { describe, expect, it } from 'vitest';
import { localBus } from '../../server/bus/hubBus.js';
import { pgChannel } from '../../server/bus/postgresBus.js';

// The in-process bus (SQLite: one instance) behaves as NOTIFY does for the features: delivered
// after the publishing turn, to every subscriber of the channel, the publisher's own included.

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the in-process hub bus', () => {
  it('delivers a notice to every subscriber of its channel, after the publishing turn, and stops on unsubscribe', async () => {
    const bus = localBus();
    const heard: string[] = [];
    const stopOne = bus.subscribe('playlist.changed', () => heard.push('one'));
    bus.subscribe('playlist.changed', () => heard.push('two'));
    bus.subscribe('dashboard.figures', () => heard.push('figures'));
    bus.publish('playlist.changed');
    expect(heard).toEqual([]);
    await nextTurn();
    expect(heard).toEqual(['one', 'two']);
    stopOne();
    bus.publish('playlist.changed');
    await nextTurn();
    expect(heard).toEqual(['one', 'two', 'two']);
    await bus.close();
    bus.publish('dashboard.figures');
    await nextTurn();
    expect(heard).toEqual(['one', 'two', 'two']);
  });

  it('names PostgreSQL channels as identifiers', () => {
    expect(pgChannel('dashboard.figures')).toBe('court_hub_dashboard_figures');
    expect(pgChannel('playlist.changed')).toMatch(/^[a-z_]+$/);
  });
});
