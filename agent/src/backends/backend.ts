/** Where inference actually runs behind the agent. Every backend goes through the same lease checks, metering and burns. */
export interface InferenceBackend {
  readonly kind: string;
  infer(req: { model: string; input: string; maxOutputTokens: number; signal?: AbortSignal }): Promise<{ output: string; computeMs: number }>;
}
