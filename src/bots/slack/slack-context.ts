import type { App as BoltApp, webApi } from '@slack/bolt';
import type { App } from '../../app.ts';
import type { SlackConfig } from '../../config.ts';
import type { SlackDirectory } from './directory.ts';
import type { SlackSender } from './sender.ts';
import type { SlackRecords } from '../../store/slack-records.ts';
import type { SlackTurns } from './slack-turns.ts';

/** A message written in a case thread of the staff channel. */
export interface StaffThreadMessage {
  eventId: string;
  team: string;
  channel: string;
  threadTs: string;
  /** The message's own timestamp (to mark it as sent). */
  ts: string;
  user: string;
  text: string;
}

/** The staff side (case cards in the staff channel); present when SLACK_STAFF_CHANNEL is set. */
export interface StaffCases {
  onThreadMessage(message: StaffThreadMessage): Promise<void>;
  /** Handles a Claim / Close / … button of a case card. */
  onCardAction(args: { value: string; user: string; team: string; channel: string; messageTs: string; triggerId?: string }): Promise<boolean>;
}

/** The App Home tab. */
export interface AppHomeTab {
  publish(user: string, team: string): Promise<void>;
}

/** Everything the Slack listeners share. */
export interface SlackContext {
  app: App;
  config: SlackConfig;
  bolt: BoltApp;
  client: webApi.WebClient;
  records: SlackRecords;
  directory: SlackDirectory;
  sender: SlackSender;
  turns: SlackTurns;
  home: AppHomeTab;
  staff?: StaffCases;
}
