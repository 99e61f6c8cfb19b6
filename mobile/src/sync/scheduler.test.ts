/**
 * @jest-environment node
 */
// The scheduler decides when the engine syncs; the engine here only counts its passes and
// says when the next item in backoff is due, as the real one would after a failed try.
import type { PassReport } from './engine';
import { startAutoSync } from './scheduler';

const clean: PassReport = { sent: 0, refused: 0, stoppedBy: null };

function stubEngine() {
  const dueAfterPass: (number | null)[] = [];
  return {
    sync: jest.fn(() => Promise.resolve(clean)),
    nextDueAt: jest.fn(() => Promise.resolve(dueAfterPass.shift() ?? null)),
    /** The next pass leaves an item in backoff until `at` (a failure the engine will retry). */
    failNextPassUntil: (at: number) => dueAfterPass.push(at),
  };
}

/** NetInfo and AppState as the scheduler sees them: listeners the test fires. */
function deviceEvents() {
  const connectivity = new Set<(online: boolean) => void>();
  const foreground = new Set<() => void>();
  return {
    onConnectivity: (listener: (online: boolean) => void) => {
      connectivity.add(listener);
      return () => connectivity.delete(listener);
    },
    onForeground: (listener: () => void) => {
      foreground.add(listener);
      return () => foreground.delete(listener);
    },
    setOnline: (online: boolean) => connectivity.forEach((listener) => listener(online)),
    comeToForeground: () => foreground.forEach((listener) => listener()),
    listening: () => connectivity.size + foreground.size,
  };
}

/** Lets a started pass end (sync, then nextDueAt, then the backoff timer is set). */
const passesEnd = () => jest.advanceTimersByTimeAsync(0);

let engine: ReturnType<typeof stubEngine>;
let device: ReturnType<typeof deviceEvents>;

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z') });
  engine = stubEngine();
  device = deviceEvents();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('startAutoSync', () => {
  it('syncs once at start', async () => {
    startAutoSync(engine, device);
    await passesEnd();
    expect(engine.sync).toHaveBeenCalledTimes(1);
  });

  it('syncs when the connectivity comes back, not while offline nor on a repeated "online"', async () => {
    const auto = startAutoSync(engine, device);
    await passesEnd();

    device.setOnline(false);
    auto.poke();
    device.comeToForeground();
    await passesEnd();
    expect(auto.online).toBe(false);
    expect(engine.sync).toHaveBeenCalledTimes(1);

    device.setOnline(true);
    await passesEnd();
    expect(engine.sync).toHaveBeenCalledTimes(2);

    device.setOnline(true);
    await passesEnd();
    expect(engine.sync).toHaveBeenCalledTimes(2);
  });

  it('syncs on return to the foreground, and when poked', async () => {
    const auto = startAutoSync(engine, device);
    await passesEnd();

    device.comeToForeground();
    await passesEnd();
    expect(engine.sync).toHaveBeenCalledTimes(2);

    auto.poke();
    await passesEnd();
    expect(engine.sync).toHaveBeenCalledTimes(3);
  });

  it('after a failure, syncs again when the backoff is over, and only then', async () => {
    engine.failNextPassUntil(Date.now() + 8_000);
    startAutoSync(engine, device);
    await passesEnd();
    expect(engine.sync).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(7_999);
    expect(engine.sync).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(engine.sync).toHaveBeenCalledTimes(2);

    // That pass left nothing in backoff: no more timer.
    await jest.advanceTimersByTimeAsync(60 * 60_000);
    expect(engine.sync).toHaveBeenCalledTimes(2);
  });

  it('stop: no more syncs, from events or the backoff timer', async () => {
    engine.failNextPassUntil(Date.now() + 8_000);
    const auto = startAutoSync(engine, device);
    await passesEnd();
    expect(jest.getTimerCount()).toBe(1);

    auto.stop();
    expect(device.listening()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    auto.poke();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(engine.sync).toHaveBeenCalledTimes(1);
  });
});
