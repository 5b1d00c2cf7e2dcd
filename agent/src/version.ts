/** This agent's version, told to the coordinator in the hello and the retained status. */
export const AGENT_VERSION = '0.1.0';
