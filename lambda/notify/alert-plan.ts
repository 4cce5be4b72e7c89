/**
 * Turns the alerts due into messages: one per finding, or one per check and event when more
 * than `groupThreshold` of them are due together.
 */
import { compareFindings } from '../findings/finding';
import type { AlertEvent } from '../findings/finding-record';
import type { AlertMessage } from './alert-message';
import { findingAlertMessage, type AlertDue } from './finding-alert';
import { groupedAlertMessage } from './grouped-alert';

export interface PlannedAlert {
  message: AlertMessage;
  /** The findings the message covers: their pending alerts clear once it is published. */
  covers: AlertDue[];
}

export function planAlerts(due: readonly AlertDue[], groupThreshold: number): PlannedAlert[] {
  const groups = new Map<string, { event: AlertEvent; checkId: string; due: AlertDue[] }>();
  for (const item of [...due].sort((a, b) => compareFindings(a.record, b.record))) {
    const key = `${item.alert.event}#${item.record.checkId}`;
    const group = groups.get(key) ?? { event: item.alert.event, checkId: item.record.checkId, due: [] };
    group.due.push(item);
    groups.set(key, group);
  }
  const planned: PlannedAlert[] = [];
  for (const group of groups.values()) {
    if (group.due.length > groupThreshold) {
      planned.push({ message: groupedAlertMessage(group.event, group.checkId, group.due), covers: group.due });
    } else {
      for (const item of group.due) planned.push({ message: findingAlertMessage(item), covers: [item] });
    }
  }
  return planned;
}
