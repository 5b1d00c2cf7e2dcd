import type { Logger } from '@edgefleet/common';
import type { FileOutbox } from '../outbox/index.js';

/**
 * Follows the outbox's full-disk state, once per telemetry round: while the disk is full it probes
 * whether space returned (the outbox then clears `diskFull`, and admission takes leases again), and
 * it logs each change once (the alarm in telemetry and the metric say it every round).
 */
export class DiskFullWatch {
  private wasFull = false;

  constructor(
    private readonly outbox: Pick<FileOutbox, 'diskFull' | 'recheckDisk' | 'dir'>,
    private readonly log: Logger,
  ) {}

  async tick(): Promise<void> {
    if (this.outbox.diskFull) await this.outbox.recheckDisk();
    const full = this.outbox.diskFull;
    if (full && !this.wasFull)
      this.log.error(
        { dir: this.outbox.dir, code: 'OUTBOX_DISK_FULL' },
        'the disk under the burn outbox is full: new leases are refused until space returns (burns already on disk are kept)',
      );
    if (!full && this.wasFull)
      this.log.warn(
        { dir: this.outbox.dir },
        'disk space returned under the burn outbox: admitting leases again',
      );
    this.wasFull = full;
  }
}
