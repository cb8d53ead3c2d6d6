// A small stroke icon set drawn for the console (24×24 viewBox, currentColor), so no icon font is needed.
const paths: Record<string, string> = {
  workflow: 'M4 4h6v6H4zM14 14h6v6h-6zM7 10v4a3 3 0 0 0 3 3h4',
  segment: 'M12 3a9 9 0 1 0 9 9h-9z M15 3.5A9 9 0 0 1 20.5 9H15z',
  template: 'M5 3h10l4 4v14H5zM9 9h6M9 13h6M9 17h4',
  contact: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  message: 'M4 5h16v11H8l-4 4z',
  dashboard: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  trigger: 'M13 2 4 14h7l-1 8 9-12h-7z',
  flow: 'M6 3v6a3 3 0 0 0 3 3h6a3 3 0 0 1 3 3v6M18 3v3M6 21v-3',
  wait: 'M12 7v5l3 2M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  action: 'M22 2 11 13M22 2l-7 20-4-9-9-4z',
  email: 'M3 5h18v14H3zM3 6l9 7 9-7',
  sms: 'M4 4h16v12H9l-5 4zM8 9h8M8 12h5',
  push: 'M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10 21h4',
  coupon: 'M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4zM10 7v10',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  webhook: 'M10 14a4 4 0 1 1 4-6M14 10a4 4 0 1 1-1 7.5M7 17h7',
  split: 'M12 21v-7M12 14 5 6M12 14l7-8M5 3v3h3M19 3v3h-3',
  branch: 'M6 3v12M18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM18 9a9 9 0 0 1-9 9',
  switch: 'M4 6h10M4 12h16M4 18h7M17 3l3 3-3 3',
  end: 'M6 6h12v12H6z',
  calendar: 'M4 5h16v16H4zM4 10h16M9 3v4M15 3v4',
  event: 'M3 12h4l3-8 4 16 3-8h4',
  api: 'M8 8l-5 4 5 4M16 8l5 4-5 4M14 4l-4 16',
  clock: 'M12 7v5l3 2M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  hourglass: 'M6 2h12M6 22h12M7 2c0 6 10 6 10 10s-10 4-10 10M17 2c0 6-10 6-10 10s10 4 10 10',
  undo: 'M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3',
  layout: 'M3 3h7v7H3zM14 14h7v7h-7zM14 3h7v7h-7zM10 6.5h4M17.5 10v4',
  save: 'M5 3h11l3 3v15H5zM8 3v5h7M8 21v-7h8v7',
  publish: 'M12 19V5M5 12l7-7 7 7',
  download: 'M12 3v12M6 11l6 6 6-6M4 21h16',
  upload: 'M12 21V9M6 13l6-6 6 6M4 3h16',
  diff: 'M6 3v18M18 3v18M3 8h6M15 16h6M18 13v6',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 14h10l1-14M9 7V4h6v3',
  copy: 'M8 8h12v12H8zM4 16V4h12',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5',
  close: 'M6 6l12 12M18 6 6 18',
  alert: 'M12 3 2 21h20zM12 10v5M12 18v.5',
  check: 'M4 12l5 5L20 6',
  key: 'M14 10a5 5 0 1 1-3-4.6L21 3v4h-3v3h-3zM8 14h.01',
  logout: 'M15 12H3M8 7l-5 5 5 5M14 4h6v16h-6',
  retire: 'M5 5l14 14M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  chart: 'M3 3v18h18M7 15l4-4 3 3 6-6',
  plus: 'M12 5v14M5 12h14',
  up: 'M12 19V5M6 11l6-6 6 6',
  down: 'M12 5v14M6 13l6 6 6-6',
  play: 'M7 4v16l13-8z',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
};

export type IconName = keyof typeof paths;

export function Icon({ name, size = 16, className }: { name: string; size?: number; className?: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8}
      strokeLinecap="round" strokeLinejoin="round" className={className} aria-hidden="true" focusable="false">
      <path d={paths[name] ?? paths.flow} />
    </svg>
  );
}

/** The icon that stands for an activity type, falling back to its kind. */
export function activityIcon(type: string, kind: string): string {
  const byType: Record<string, string> = {
    SegmentEntered: 'segment', EventReceived: 'event', Schedule: 'calendar', ApiTrigger: 'api',
    If: 'branch', Switch: 'switch', RandomSplit: 'split', End: 'end',
    Delay: 'hourglass', WaitUntil: 'clock', WaitForEvent: 'event',
    SendEmail: 'email', SendSms: 'sms', SendPush: 'push', IssueCoupon: 'coupon', UpdateContact: 'user', Webhook: 'webhook',
  };
  return byType[type] ?? kind.toLowerCase();
}
