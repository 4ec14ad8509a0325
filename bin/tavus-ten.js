#!/usr/bin/env node
// The published entry: hand argv, the environment and the real streams to the built CLI.
import { main } from '../dist/main.js';

main();
