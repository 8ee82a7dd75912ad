// Vitest setup: unmount components rendered by a test before the next one starts, and give
// jsdom the modal dialogs it lacks (Modal.svelte opens a <dialog> with showModal).
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

HTMLDialogElement.prototype.showModal = function () {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close = function () {
  this.removeAttribute('open');
};

afterEach(() => cleanup());
