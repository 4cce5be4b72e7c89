/**
 * Proofs of delivery kept between runs. A delivery proven at time t needs no new listing before
 * t + evidenceMaxAgeMinutes: while a member-region's proof is still inside the evidence window, the
 * collector records it as the evidence and lists nothing (see docs/collector.md, "Evidence kept
 * between runs").
 */
import { answerOf, isFailed, type Snapshot } from '../snapshot/types';

/** Where the collector asks for a member-region's newest delivery proven by an earlier run. */
export interface PriorEvidence {
  /** The delivery time (ISO-8601) proven for the account's files in the bucket for the region, if any. */
  proofOf(bucket: string, accountId: string, region: string): string | undefined;
}

/** A delivery a listing proved: the delivery time read from a key of the account's files. */
export interface DeliveryProof {
  bucket: string;
  accountId: string;
  region: string;
  /** ISO-8601, from the key (see DLV-008). */
  deliveredAt: string;
}

/** Proofs held in memory, the newest per member-region kept. */
export class ProvenDeliveries implements PriorEvidence {
  private readonly newest = new Map<string, string>();

  constructor(proofs: Iterable<DeliveryProof> = []) {
    for (const proof of proofs) this.add(proof);
  }

  add(proof: DeliveryProof): void {
    const key = proofKey(proof.bucket, proof.accountId, proof.region);
    const held = this.newest.get(key);
    if (!Number.isNaN(Date.parse(proof.deliveredAt)) && (held === undefined || Date.parse(held) < Date.parse(proof.deliveredAt))) {
      this.newest.set(key, proof.deliveredAt);
    }
  }

  proofOf(bucket: string, accountId: string, region: string): string | undefined {
    return this.newest.get(proofKey(bucket, accountId, region));
  }

  get size(): number {
    return this.newest.size;
  }
}

/** No proofs: every member-region is listed. */
export const NO_PRIOR_EVIDENCE: PriorEvidence = { proofOf: () => undefined };

/**
 * The deliveries an earlier snapshot proved (its `deliveryEvidence` times), for a run that keeps its
 * previous snapshot instead of a proof store. Failed listings and nulls prove nothing.
 */
export function priorEvidenceOfSnapshot(previous: Snapshot): ProvenDeliveries {
  const proofs = new ProvenDeliveries();
  for (const [bucket, data] of Object.entries(previous.buckets ?? {})) {
    for (const [accountId, regions] of Object.entries(data.deliveryEvidence ?? {})) {
      for (const [region, evidence] of Object.entries(regions)) {
        const deliveredAt = isFailed(evidence) ? undefined : answerOf(evidence ?? undefined);
        if (typeof deliveredAt === 'string') proofs.add({ bucket, accountId, region, deliveredAt });
      }
    }
  }
  return proofs;
}

/**
 * Whether a proof still stands at `opening` (the evidence window's opening, evidenceWindowOpening):
 * t + evidenceMaxAgeMinutes ≥ capturedAt, by the window's own whole-minute rule, is t ≥ opening.
 */
export function proofStands(deliveredAt: string | undefined, opening: Date): deliveredAt is string {
  if (deliveredAt === undefined) return false;
  const time = Date.parse(deliveredAt);
  return !Number.isNaN(time) && time >= opening.getTime();
}

function proofKey(bucket: string, accountId: string, region: string): string {
  return `${bucket}\u0000${accountId}\u0000${region}`;
}
