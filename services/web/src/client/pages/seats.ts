import type { TFunction } from 'i18next';

/** Seats taken of the capacity (or of no limit), and the waitlist when anyone waits. */
export function seatsText(t: TFunction, seats: { capacity?: number | null; enrolled: number; waitlisted: number }): string {
  const taken =
    seats.capacity === null || seats.capacity === undefined
      ? t('ownOfferings.roster.seatsUnlimited', { enrolled: seats.enrolled })
      : t('ownOfferings.roster.seatsTaken', { enrolled: seats.enrolled, capacity: seats.capacity });
  return seats.waitlisted > 0 ? `${taken}, ${t('ownOfferings.roster.waitlisted', { count: seats.waitlisted })}` : taken;
}
