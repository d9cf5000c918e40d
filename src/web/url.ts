/**
 * The URL is the state of a view: page path plus filters (gemeente, periode, splitsing, …) in the
 * query string, so a view can be bookmarked and shared. A tiny router over the History API.
 */
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLocationKey(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
}

export function currentPath(): string {
  return window.location.pathname.replace(/\/+$/, '') || '/';
}

export function param(name: string): string | undefined {
  return new URLSearchParams(window.location.search).get(name) ?? undefined;
}

export function navigate(path: string, params?: Record<string, string | undefined>, keep = true): void {
  const next = new URLSearchParams(keep ? window.location.search : '');
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, v);
  }
  const qs = next.toString();
  window.history.pushState(null, '', `${path}${qs ? `?${qs}` : ''}`);
  notify();
}

export function setParams(params: Record<string, string | undefined>): void {
  navigate(currentPath(), params);
}
