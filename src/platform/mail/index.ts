/** Outgoing e-mail: the outbox services write to, and the job that sends it over SMTP. */
export { queueMail, type MailMessage } from './outbox.js';
export {
  countOutboxByStatus,
  findOutboxMessage,
  listOutboxMessages,
  type OutboxMessage,
  type OutboxStatus,
} from './outbox.repository.js';
export {
  createSmtpSender,
  MAX_MAIL_ATTEMPTS,
  mailRetryDelayMs,
  sendDueMail,
  type MailDeliveryReport,
  type MailSender,
  type OutgoingMail,
  type SendDueMailOptions,
} from './smtp-sender.js';
export { createMailJob, MAIL_SCHEDULE, type MailJobDependencies } from './mail.jobs.js';
