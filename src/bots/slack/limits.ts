/**
 * Block Kit's limits (https://docs.slack.dev/reference/block-kit). Slack refuses a message or
 * view that exceeds any of them with `invalid_blocks`, so the renderer splits or shortens to
 * stay inside them instead of losing the reply.
 */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  headerText: 150,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  radioOptions: 10,
  inputLabel: 2000,
  plainTextInput: 3000,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  /** The notification text of a message; Slack truncates beyond 40 000, readers stop long before. */
  messageText: 3000,
} as const;
