#!/usr/bin/env node
// The last step of `npm run build`: records which sources dist/ was built from (scripts/lib/build-stamp.mjs).
import { writeBuildStamp } from './lib/build-stamp.mjs';
import { projectRoot } from './lib/temporal-cli.mjs';

writeBuildStamp(projectRoot());
