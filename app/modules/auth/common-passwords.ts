/**
 * A short list of the most common passwords of 10+ characters (from public breach corpora), checked
 * case-insensitively. Deliberately small: it stops the worst choices without a large download.
 */
export const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '0123456789', '0987654321', '1111111111', '1234512345', '1122334455',
  '1q2w3e4r5t', '1qaz2wsx3edc', 'qwertyuiop', 'qwerty12345', 'qwerty123456', 'qwertyuiop123',
  'asdfghjkl1', 'zxcvbnm123', 'password12', 'password123', 'password1234', 'password12345',
  'passw0rd123', 'p@ssw0rd123', 'passwordpassword', 'iloveyou123', 'iloveyou12', 'football123',
  'baseball123', 'princess123', 'sunshine123', 'welcome123', 'welcome1234', 'letmein123',
  'abcdefghij', 'abcd123456', 'abc1234567', 'aaaaaaaaaa', 'starwars123', 'trustno1trustno1',
  'superman123', 'monkey12345', 'dragon12345', 'master12345', 'computer123', 'internet123',
  'changeme123', 'administrator', 'admin12345', 'admin123456', 'qazwsxedcrfv', 'michael123',
  'whatever123', 'liverpool123', 'chelsea123', 'arsenal123', 'manchester', 'manchesterunited',
  'birmingham', 'birmingham1', 'coventry123', 'wolverhampton', 'nomiworkspace', 'migrantinnovators',
  'letmeinplease', 'mypassword123', 'secretpassword', 'passwordqwerty', 'qwertyqwerty',
  '12341234', '123456789a', 'a123456789', '12345qwert', 'qwert12345', '9876543210',
]);
