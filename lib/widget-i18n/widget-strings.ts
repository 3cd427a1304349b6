/**
 * Every string the chat iframe shows, per language. Plain strings, or small
 * functions where a name or number goes in; the view inserts them as text only.
 */
export type WidgetStrings = {
  title: string;
  minimise: string;
  endChat: string;
  newConversation: string;
  messages: string;
  messageLabel: string;
  placeholder: string;
  send: string;
  attach: string;
  you: string;
  support: string;
  loading: string;
  connecting: string;
  loadingEncryption: string;
  creatingIdentity: string;
  notEmbedded: string;
  cannotStart: (reason: string) => string;
  welcome: string;
  waiting: string;
  queued: string;
  chattingWith: (agent: string) => string;
  anAgent: string;
  youEnded: string;
  ended: string;
  couldNotEnd: (reason: string) => string;
  sending: string;
  sent: string;
  seen: string;
  failed: string;
  retry: string;
  decrypting: string;
  undecryptable: string;
  /** Stands in for a message that is not end-to-end encrypted or comes from an unverified device. */
  unverifiedHidden: string;
  typing: (name: string) => string;
  openElsewhere: string;
  useHere: string;
  fileTooLarge: (limitMb: number) => string;
  /** The homeserver refused an upload: the visitor's daily attachment quota is used up. */
  uploadQuotaExceeded: string;
  attachment: (name: string) => string;
  download: (name: string) => string;
  prechatIntro: string;
  prechatName: string;
  prechatEmail: string;
  prechatStart: string;
  prechatSkip: string;
  prechatSummary: (name: string, email: string) => string;
  /** The embed carries no organisation key: nothing vouches for who reads. */
  notVerified: string;
  /** The roster the server serves is not signed by the embed's organisation key. */
  rosterRefused: string;
  /** Members of the conversation not on the signed roster (`who`: every one of their user ids). */
  notRostered: (who: readonly string[]) => string;
  /** Agents whose encryption identity is not the one on the signed roster. */
  identityNotRostered: (who: readonly string[]) => string;
  /** The bubble of a message the widget holds back (the warning says why). */
  held: string;
  /** Without an organisation key: members who are not the site's agents (`who`: their user ids); `holding`: the visitor's next message waits. */
  unknownMembers: (who: readonly string[], holding: boolean) => string;
  /** The button that lets the visitor continue with this one person present. */
  continueWith: (who: string) => string;
  memberJoined: (who: string) => string;
  memberInvited: (who: string, by: string) => string;
  memberRemoved: (who: string, by: string) => string;
  memberLeft: (who: string) => string;
};

/** "a", "a and b", "a, b and c" in the language's own way. */
export function listOf(lang: string, names: readonly string[]): string {
  return new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(names);
}
