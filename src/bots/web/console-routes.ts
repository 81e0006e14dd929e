import type { HttpServer } from '../../server/http.ts';
import { attachAuditPage } from './audit-page.ts';
import { attachMemberPages } from './members-pages.ts';
import { attachOverviewPage, type OverviewSection } from './overview-page.ts';
import type { WebContext } from './web-context.ts';

/** Every console area. Each page checks the viewer's role on the server (see `page`). */
export function attachConsole(server: HttpServer, web: WebContext): void {
  const sections: OverviewSection[] = [];
  attachOverviewPage(server, web, sections);
  attachMemberPages(server, web);
  attachAuditPage(server, web);
}
