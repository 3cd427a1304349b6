"use client";

import { inPageNotificationsOn } from "./notification-preference";

/**
 * Tells the agent a conversation was assigned to them: a browser notification
 * (if they allowed it and did not turn notifications off) and a short chime. The notification says nothing about
 * the content: that is end-to-end encrypted and stays in the page.
 */
export function alertNewAssignment(): void {
  if (inPageNotificationsOn()) {
    const n = new Notification("New conversation", { body: "A visitor is waiting for your answer.", tag: "sealdesk-assignment" });
    n.onclick = () => window.focus();
  }
  chime();
}

function chime(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
    tone.onended = () => void audio.close();
  } catch {
    // No audio output (or autoplay blocked before any interaction): the notification is enough.
  }
}
