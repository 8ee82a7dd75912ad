// Vitest setup: unmount components rendered by a test before the next one starts.
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
