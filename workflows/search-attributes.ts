import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes, so the Temporal UI can find "all failed security_expert tasks of
 * user X today". Registered on the namespace at worker start (workers/search-attributes.ts).
 */
export const SearchAttr = {
  userId: defineSearchAttributeKey('CodexUserId', SearchAttributeType.KEYWORD),
  tier: defineSearchAttributeKey('CodexTier', SearchAttributeType.KEYWORD),
  agentType: defineSearchAttributeKey('CodexAgentType', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('CodexStatus', SearchAttributeType.KEYWORD),
  strategy: defineSearchAttributeKey('CodexStrategy', SearchAttributeType.KEYWORD),
  orchestrationId: defineSearchAttributeKey('CodexOrchestrationId', SearchAttributeType.KEYWORD),
  /** A visualization's repository URL (as fetched), e.g. `CodexRepository = 'https://github.com/a/b'`. */
  repository: defineSearchAttributeKey('CodexRepository', SearchAttributeType.KEYWORD),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SearchAttr);
