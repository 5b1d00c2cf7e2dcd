#!/usr/bin/env node
import { launch } from '@edgefleet/common/launcher';

await launch(import.meta.url);
