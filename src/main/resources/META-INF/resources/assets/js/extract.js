// The extract form: pasted text or a dropped/chosen file, options, then the submission.

import { api } from './api.js';
import { $, h } from './dom.js';
import { MEMORY_TYPES, typeLabel } from './types.js';

export function setUpExtractForm({ onSubmitted, onError }) {
    const form = $('#extract-form');
    const text = $('#text-input');
    const fileInput = $('#file-input');
    const zone = $('#drop-zone');

    $('#type-options').append(...MEMORY_TYPES.map((type) => h('div', { class: 'check' },
        h('input', { type: 'checkbox', id: `type-${type}`, name: 'extract_types', value: type, checked: true }),
        h('label', { for: `type-${type}` }, typeLabel(type)))));

    const count = () => { $('#text-count').textContent = text.value.length.toLocaleString(); };
    text.addEventListener('input', count);

    const showFile = () => {
        const file = fileInput.files[0];
        $('#file-chosen').hidden = !file;
        $('#file-name').textContent = file ? `${file.name} (${Math.ceil(file.size / 1024).toLocaleString()} KB)` : '';
        zone.classList.toggle('has-file', Boolean(file));
    };
    fileInput.addEventListener('change', showFile);
    $('#file-clear').addEventListener('click', () => {
        fileInput.value = '';
        showFile();
        fileInput.focus();
    });

    for (const name of ['dragenter', 'dragover']) {
        zone.addEventListener(name, (e) => {
            e.preventDefault();
            zone.classList.add('dragging');
        });
    }
    for (const name of ['dragleave', 'drop']) {
        zone.addEventListener(name, () => zone.classList.remove('dragging'));
    }
    zone.addEventListener('drop', (e) => {
        e.preventDefault();
        if (e.dataTransfer?.files?.length) {
            fileInput.files = e.dataTransfer.files;
            showFile();
        }
    });

    form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const types = [...form.querySelectorAll('input[name="extract_types"]:checked')].map((i) => i.value);
        const file = fileInput.files[0];
        if (!types.length) return onError(new Error('Choose at least one memory type.'));
        if (!file && !text.value.trim()) {
            text.focus();
            return onError(new Error('Paste some text or choose a file first.'));
        }
        const extractTypes = types.length === MEMORY_TYPES.length ? ['all'] : types;
        const referenceDate = $('#reference-date').value || undefined;
        const autoSave = $('#auto-save').checked;
        const button = $('#extract-button');
        button.disabled = true;
        form.setAttribute('aria-busy', 'true');
        try {
            let answer;
            if (file) {
                const data = new FormData();
                data.append('file', file, file.name);
                data.append('extract_types', extractTypes.join(','));
                if (referenceDate) data.append('reference_date', referenceDate);
                data.append('auto_save', String(autoSave));
                answer = await api('api/v1/memories/extract/file', { method: 'POST', form: data });
            } else {
                answer = await api('api/v1/memories/extract', {
                    method: 'POST',
                    json: {
                        text: text.value, source: 'manual', async: true, auto_save: autoSave,
                        extract_types: extractTypes, reference_date: referenceDate,
                    },
                });
            }
            onSubmitted(answer, file ? file.name : null);
        } catch (err) {
            onError(err);
        } finally {
            button.disabled = false;
            form.removeAttribute('aria-busy');
        }
    });
}

/** Empties the form (after signing out). */
export function resetExtractForm() {
    $('#extract-form').reset();
    $('#text-count').textContent = '0';
    $('#file-chosen').hidden = true;
}
